import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, number, day } from '../i18n';
import { asPage, get, type Page } from '../api';
import { navigate } from '../router';
import { pager, sortHeader } from '../components/pager';
import type { ComplianceRow, HistoryPoint, VirtualAccount } from '../model';
import '../components/chart';

const COLOURS = ['#0b5cad', '#f0a000', '#1e7b34', '#b3261e', '#6a3d9a', '#00838f'];

/** Virtual accounts and, for the chosen one, per tag purchased, in use, borrowed, balance and use over time. */
@customElement('ls-accounts')
export class AccountsPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private accounts: Page<VirtualAccount> | null = null;
  @state() private compliance: ComplianceRow[] | null = null;
  @state() private history: HistoryPoint[] | null = null;
  @state() private error: unknown = null;

  private get vaId(): string | null { return this.params.get('va'); }
  private get page(): number { return Number(this.params.get('page') ?? 0); }
  private get sort(): string { return this.params.get('sort') ?? 'name'; }
  private get days(): number { return Number(this.params.get('days') ?? 90); }
  private get name(): string { return this.params.get('name') ?? ''; }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    this.error = null;
    try {
      this.accounts = asPage(await get<Page<VirtualAccount> | VirtualAccount[]>('/virtual-accounts', { name: this.name, page: this.page, size: 50, sort: this.sort }));
      const va = this.vaId;
      if (va) {
        const from = new Date(Date.now() - this.days * 86_400_000).toISOString().substring(0, 10);
        const [rows, history] = await Promise.all([
          get<ComplianceRow[]>(`/virtual-accounts/${va}/compliance`),
          get<HistoryPoint[]>(`/virtual-accounts/${va}/license-history`, { from }).catch(() => null),
        ]);
        this.compliance = rows;
        this.history = history;
      } else {
        this.compliance = null;
        this.history = null;
      }
    } catch (e) {
      this.error = e;
    }
  }

  private go(changes: Record<string, string | number | null>) {
    const next: Record<string, string | number | null> = { va: this.vaId, name: this.name, page: this.page, sort: this.sort, days: this.days, ...changes };
    navigate('/accounts', next);
  }

  private historyChart(points: HistoryPoint[]): ChartConfiguration {
    const days = [...new Set(points.map((p) => p.day))].sort();
    const tags = [...new Set(points.map((p) => p.tag))];
    const datasets = tags.flatMap((tag, i) => {
      const byDay = new Map(points.filter((p) => p.tag === tag).map((p) => [p.day, p]));
      const colour = COLOURS[i % COLOURS.length];
      return [
        { label: `${tag} — ${t('compliance.inUse')}`, data: days.map((d) => byDay.get(d)?.inUse ?? null), borderColor: colour, backgroundColor: colour },
        { label: `${tag} — ${t('compliance.purchased')}`, data: days.map((d) => byDay.get(d)?.purchased ?? null), borderColor: colour, backgroundColor: colour, borderDash: [6, 4] },
      ];
    });
    return { type: 'line', data: { labels: days.map((d) => day(d)), datasets }, options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
  }

  render() {
    const selected = this.accounts?.items.find((a) => String(a.id) === this.vaId);
    return html`<h1>${t('nav.accounts')}</h1>
      <form class="filters" role="search" @submit=${(e: Event) => { e.preventDefault();
        this.go({ name: String(new FormData(e.target as HTMLFormElement).get('name') ?? '').trim(), page: 0 }); }}>
        <label>${t('accounts.name')}<input name="name" type="search" .value=${this.name}></label>
        <button type="submit">${t('common.search')}</button></form>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="accounts">
        <thead><tr>${sortHeader(t('accounts.name'), 'name', this.sort, (s) => this.go({ sort: s, page: 0 }))}
          <th>${t('accounts.description')}</th><th>${t('accounts.source')}</th></tr></thead>
        <tbody>${this.accounts?.items.map((a) => html`<tr>
          <td><a href="#/accounts?va=${a.id}" aria-current=${String(a.id) === this.vaId ? 'true' : 'false'}>${a.name}</a></td>
          <td>${a.description ?? ''}</td><td>${a.upstreamManaged ? t('accounts.upstream') : t('accounts.local')}</td></tr>`)}</tbody>
      </table>
      ${pager(this.accounts, (p) => this.go({ page: p }))}
      ${this.compliance ? html`
        <h2>${t('accounts.licencesOf', { va: selected?.name ?? this.vaId ?? '' })}</h2>
        <table data-testid="compliance"><thead><tr><th>${t('compliance.tag')}</th><th class="num">${t('compliance.purchased')}</th>
          <th class="num">${t('compliance.inUse')}</th><th class="num">${t('compliance.borrowed')}</th><th class="num">${t('compliance.lent')}</th>
          <th class="num">${t('compliance.balance')}</th></tr></thead>
          <tbody>${this.compliance.map((r) => html`<tr><td>${r.displayName || r.tag}<div class="muted">${r.tag}</div></td>
            <td class="num">${number(r.purchased)}</td><td class="num">${number(r.inUse)}</td>
            <td class="num">${number(r.borrowedFromHigherTier)}</td><td class="num">${number(r.lentToLowerTiers)}</td>
            <td class="num ${r.balance < 0 ? 'bad' : ''}">${number(r.balance)}</td></tr>`)}</tbody></table>
        ${this.compliance.length === 0 ? html`<p class="muted">${t('accounts.noLicences')}</p>` : nothing}
        <h2>${t('accounts.history')}</h2>
        <label class="inline">${t('accounts.period')}
          <select @change=${(e: Event) => this.go({ days: (e.target as HTMLSelectElement).value })}>
            ${[30, 90, 365].map((d) => html`<option value=${d} ?selected=${d === this.days}>${t('common.lastDays', { days: d })}</option>`)}
          </select></label>
        ${this.history && this.history.length ? html`<ls-chart .config=${this.historyChart(this.history)} label=${t('accounts.history')}></ls-chart>`
          : html`<p class="muted">${this.history ? t('accounts.noHistory') : t('accounts.historyUnavailable')}</p>`}
      ` : html`<p class="muted">${t('accounts.choose')}</p>`}`;
  }
}
