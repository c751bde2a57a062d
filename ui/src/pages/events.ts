import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, label, number } from '../i18n';
import { asPage, get, type Page } from '../api';
import { navigate } from '../router';
import { pager, sortHeader } from '../components/pager';
import type { DeviceEvent, VirtualAccount } from '../model';

const EVENT_TYPES = ['REGISTERED', 'REREGISTERED', 'ID_CERT_RENEWED', 'AUTHORIZED', 'OUT_OF_COMPLIANCE', 'AUTHORIZATION_EXPIRED', 'DEREGISTERED', 'REMOVED'];
const FILTERS = ['type', 'instanceId', 'virtualAccountId', 'from', 'to'] as const;

/** The device event log across all instances, filtered and paged on the server. */
@customElement('ls-events')
export class EventsPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private accounts: VirtualAccount[] = [];
  @state() private events: Page<DeviceEvent> | null = null;
  @state() private error: unknown = null;

  private get query(): Record<string, string | number> {
    const q: Record<string, string | number> = { page: Number(this.params.get('page') ?? 0), size: 50, sort: this.params.get('sort') ?? '-occurredAt' };
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
      const q = { ...this.query };
      for (const f of ['from', 'to'] as const) if (q[f]) q[f] = new Date(String(q[f])).toISOString();
      this.events = await get<Page<DeviceEvent>>('/events', q);
    } catch (e) {
      this.error = e;
    }
  }

  private search(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string | number> = { page: 0, sort: this.query.sort };
    for (const f of FILTERS) next[f] = String(data.get(f) ?? '').trim();
    navigate('/events', next);
  }

  render() {
    const q = this.query;
    return html`<h1>${t('nav.events')}</h1>
      <form class="filters" role="search" @submit=${this.search}>
        <label>${t('events.type')}<select name="type"><option value="">${t('common.all')}</option>
          ${EVENT_TYPES.map((s) => html`<option value=${s} ?selected=${q.type === s}>${label('eventType', s)}</option>`)}</select></label>
        <label>${t('instances.virtualAccount')}<select name="virtualAccountId"><option value="">${t('common.all')}</option>
          ${this.accounts.map((a) => html`<option value=${a.id} ?selected=${String(a.id) === q.virtualAccountId}>${a.name}</option>`)}</select></label>
        <label>${t('events.instance')}<input name="instanceId" .value=${String(q.instanceId)}></label>
        <label>${t('common.from')}<input name="from" type="datetime-local" .value=${String(q.from)}></label>
        <label>${t('common.to')}<input name="to" type="datetime-local" .value=${String(q.to)}></label>
        <button type="submit">${t('common.search')}</button>
      </form>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="events"><thead><tr>${sortHeader(t('events.when'), 'occurredAt', String(q.sort), (s) => navigate('/events', { ...q, sort: s, page: 0 }))}<th>${t('events.type')}</th><th>${t('events.instance')}</th><th>${t('events.detail')}</th></tr></thead>
        <tbody>${this.events?.items.map((e) => html`<tr><td>${dateTime(e.occurredAt)}</td><td>${label('eventType', e.type)}</td>
          <td><a href="#/instances/${encodeURIComponent(e.instanceId)}">${e.udi}</a></td><td>${e.detail ?? ''}</td></tr>`)}</tbody></table>
      ${this.events && this.events.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.events, (p) => navigate('/events', { ...q, page: p }))}
      <p class="muted">${this.events ? t('instances.count', { total: number(this.events.total) }) : ''}</p>`;
  }
}
