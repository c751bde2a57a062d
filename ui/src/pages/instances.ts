import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, label, number } from '../i18n';
import { asPage, get, type Page } from '../api';
import { navigate } from '../router';
import { pager, sortHeader } from '../components/pager';
import { INSTANCE_STATES, type InstanceSummary, type VirtualAccount } from '../model';

const FILTERS = ['state', 'virtualAccountId', 'pid', 'serialNumber', 'hostname'] as const;

/** Product instances: filters, sort and paging all on the server, so it works over a million rows. */
@customElement('ls-instances')
export class InstancesPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private accounts: VirtualAccount[] = [];
  @state() private result: Page<InstanceSummary> | null = null;
  @state() private error: unknown = null;

  private get query(): Record<string, string | number> {
    const q: Record<string, string | number> = {
      page: Number(this.params.get('page') ?? 0),
      size: Number(this.params.get('size') ?? 50),
      sort: this.params.get('sort') ?? '-registeredAt',
    };
    for (const f of FILTERS) q[f] = this.params.get(f) ?? '';
    return q;
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    this.error = null;
    try {
      if (!this.accounts.length) this.accounts = asPage(await get<Page<VirtualAccount> | VirtualAccount[]>('/virtual-accounts', { size: 500 })).items;
      this.result = await get<Page<InstanceSummary>>('/product-instances', this.query);
    } catch (e) {
      this.error = e;
    }
  }

  private go(changes: Record<string, string | number>) { navigate('/instances', { ...this.query, ...changes }); }

  private search(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const changes: Record<string, string | number> = { page: 0 };
    for (const f of FILTERS) changes[f] = String(data.get(f) ?? '').trim();
    this.go(changes);
  }

  render() {
    const q = this.query;
    const setSort = (s: string) => this.go({ sort: s, page: 0 });
    return html`<h1>${t('nav.instances')}</h1>
      <form class="filters" role="search" @submit=${this.search}>
        <label>${t('instances.state')}<select name="state"><option value="">${t('common.all')}</option>
          ${INSTANCE_STATES.map((s) => html`<option value=${s} ?selected=${q.state === s}>${label('state', s)}</option>`)}</select></label>
        <label>${t('instances.virtualAccount')}<select name="virtualAccountId"><option value="">${t('common.all')}</option>
          ${this.accounts.map((a) => html`<option value=${a.id} ?selected=${String(a.id) === q.virtualAccountId}>${a.name}</option>`)}</select></label>
        <label>${t('instances.pid')}<input name="pid" .value=${String(q.pid)}></label>
        <label>${t('instances.serial')}<input name="serialNumber" .value=${String(q.serialNumber)}></label>
        <label>${t('instances.hostname')}<input name="hostname" .value=${String(q.hostname)}></label>
        <button type="submit">${t('common.search')}</button>
      </form>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="instances">
        <thead><tr>${sortHeader(t('instances.hostname'), 'hostname', String(q.sort), setSort)}
          ${sortHeader(t('instances.pid'), 'pid', String(q.sort), setSort)}
          ${sortHeader(t('instances.serial'), 'serialNumber', String(q.sort), setSort)}
          ${sortHeader(t('instances.state'), 'state', String(q.sort), setSort)}
          <th>${t('instances.virtualAccount')}</th>
          ${sortHeader(t('instances.lastContact'), 'lastContactAt', String(q.sort), setSort)}
          ${sortHeader(t('instances.registered'), 'registeredAt', String(q.sort), setSort)}</tr></thead>
        <tbody>${this.result?.items.map((i) => html`<tr data-testid="instance-row">
          <td><a href="#/instances/${encodeURIComponent(i.id)}">${i.hostname || i.udi}</a></td>
          <td>${i.pid}</td><td>${i.serialNumber}</td><td><span class="state">${label('state', i.state)}</span></td>
          <td>${this.accounts.find((a) => a.id === i.virtualAccountId)?.name ?? i.virtualAccountId}</td>
          <td>${dateTime(i.lastContactAt)}</td><td>${dateTime(i.registeredAt)}</td></tr>`)}</tbody>
      </table>
      ${this.result && this.result.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.result, (p) => this.go({ page: p }))}
      <p class="muted">${this.result ? t('instances.count', { total: number(this.result.total) }) : ''}</p>`;
  }
}
