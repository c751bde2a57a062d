import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, number } from '../i18n';
import { get, withQuery, type Page } from '../api';
import { navigate } from '../router';
import { pager, sortHeader } from '../components/pager';
import type { AuditEntry } from '../model';

const FILTERS = ['actor', 'action', 'outcome', 'from', 'to', 'q'] as const;

/** Who did what, from where, with what outcome: searched on the server, exported as CSV with the same filters. */
@customElement('ls-audit')
export class AuditPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private entries: Page<AuditEntry> | null = null;
  @state() private error: unknown = null;

  private get query(): Record<string, string | number> {
    const q: Record<string, string | number> = { page: Number(this.params.get('page') ?? 0), size: 50, sort: this.params.get('sort') ?? '-occurredAt' };
    for (const f of FILTERS) q[f] = this.params.get(f) ?? '';
    return q;
  }

  /** Dates typed in local time go to the server as instants. */
  private apiFilters(): Record<string, string | number> {
    const q = { ...this.query };
    for (const f of ['from', 'to'] as const) if (q[f]) q[f] = new Date(String(q[f])).toISOString();
    return q;
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) {
      get<Page<AuditEntry>>('/audit', this.apiFilters()).then((e) => { this.entries = e; this.error = null; }, (e) => { this.error = e; });
    }
  }

  private search(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string | number> = { page: 0, sort: this.query.sort };
    for (const f of FILTERS) next[f] = String(data.get(f) ?? '').trim();
    navigate('/audit', next);
  }

  render() {
    const q = this.query;
    const { page: _page, size: _size, ...exportFilters } = this.apiFilters();
    return html`<h1>${t('nav.audit')}</h1>
      <form class="filters" role="search" @submit=${this.search}>
        <label>${t('audit.actor')}<input name="actor" .value=${String(q.actor)}></label>
        <label>${t('audit.action')}<input name="action" .value=${String(q.action)}></label>
        <label>${t('audit.outcome')}<input name="outcome" .value=${String(q.outcome)}></label>
        <label>${t('common.from')}<input name="from" type="datetime-local" .value=${String(q.from)}></label>
        <label>${t('common.to')}<input name="to" type="datetime-local" .value=${String(q.to)}></label>
        <label>${t('audit.text')}<input name="q" type="search" .value=${String(q.q)}></label>
        <button type="submit">${t('common.search')}</button>
        <a class="button secondary" href=${withQuery('/api/v1/audit/export.csv', exportFilters)} download>${t('audit.export')}</a>
      </form>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="audit"><thead><tr>${sortHeader(t('events.when'), 'occurredAt', String(q.sort), (s) => navigate('/audit', { ...q, sort: s, page: 0 }))}
        <th>${t('audit.actor')}</th><th>${t('audit.source')}</th><th>${t('audit.action')}</th><th>${t('audit.target')}</th><th>${t('audit.outcome')}</th></tr></thead>
        <tbody>${this.entries?.items.map((a) => html`<tr><td>${dateTime(a.occurredAt)}</td><td>${a.actor}</td><td>${a.sourceAddress ?? ''}</td>
          <td><code>${a.action}</code></td><td>${a.target ?? ''}</td><td>${a.outcome}</td></tr>`)}</tbody></table>
      ${this.entries && this.entries.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.entries, (p) => navigate('/audit', { ...q, page: p }))}
      <p class="muted">${this.entries ? t('instances.count', { total: number(this.entries.total) }) : ''}</p>`;
  }
}
