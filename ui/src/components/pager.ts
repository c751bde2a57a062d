import { html, type TemplateResult } from 'lit';
import type { Page } from '../api';
import { t, number } from '../i18n';

/** Previous/next over a server-side page; the total comes from the server, never from fetching everything. */
export function pager(page: Page<unknown> | null, go: (page: number) => void): TemplateResult {
  if (!page) return html``;
  const pages = Math.max(1, Math.ceil(page.total / Math.max(1, page.size)));
  return html`<nav class="pager" aria-label=${t('pager.label')}>
    <button class="secondary" ?disabled=${page.page <= 0} @click=${() => go(page.page - 1)}>${t('pager.previous')}</button>
    <span data-testid="pager-status">${t('pager.status', { page: page.page + 1, pages, total: number(page.total) })}</span>
    <button class="secondary" ?disabled=${page.page + 1 >= pages} @click=${() => go(page.page + 1)}>${t('pager.next')}</button>
  </nav>`;
}

/** A column header that asks the server to sort by its field: `field`, then `-field`. */
export function sortHeader(label: string, field: string, sort: string, apply: (sort: string) => void, numeric = false): TemplateResult {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const aria = active ? (descending ? 'descending' : 'ascending') : 'none';
  return html`<th class=${numeric ? 'num' : ''} aria-sort=${aria}>
    <button class="sort" @click=${() => apply(active && !descending ? `-${field}` : field)}>
      ${label}${active ? (descending ? ' ▼' : ' ▲') : ''}</button></th>`;
}
