import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, deadline, label, number } from '../i18n';
import { del, get, type Page } from '../api';
import { navigate } from '../router';
import { can } from '../session';
import { pager } from '../components/pager';
import type { ConfirmDialog } from '../components/dialog';
import type { DeviceEvent, InstanceDetail } from '../model';
import '../components/dialog';

/** One product instance: identity, licences it holds, its ID certificate and its event history. */
@customElement('ls-instance-detail')
export class InstanceDetailPage extends LsElement {
  static styles = [shared];

  @property() instanceId = '';
  @state() private detail: InstanceDetail | null = null;
  @state() private events: Page<DeviceEvent> | null = null;
  @state() private error: unknown = null;
  @query('ls-confirm') private confirm!: ConfirmDialog;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('instanceId')) this.load(0);
  }

  private async load(eventsPage: number) {
    this.error = null;
    try {
      const id = encodeURIComponent(this.instanceId);
      [this.detail, this.events] = await Promise.all([
        get<InstanceDetail>(`/product-instances/${id}`),
        get<Page<DeviceEvent>>(`/product-instances/${id}/events`, { page: eventsPage, size: 20 }),
      ]);
    } catch (e) {
      this.error = e;
    }
  }

  private async removeInstance() {
    const i = this.detail!.instance;
    if (!(await this.confirm.ask(t('instances.removeConfirm', { name: i.hostname || i.udi }), t('instances.remove')))) return;
    try {
      await del(`/product-instances/${encodeURIComponent(i.id)}`);
      navigate('/instances');
    } catch (e) {
      this.error = e;
    }
  }

  render() {
    const d = this.detail;
    const i = d?.instance;
    return html`<p><a href="#/instances">← ${t('nav.instances')}</a></p>
      <ls-problem .error=${this.error}></ls-problem>
      ${d && i ? html`<h1 data-testid="instance-title">${i.hostname || i.udi}</h1>
        <dl data-testid="instance-detail">
          <dt>${t('instances.udi')}</dt><dd><code>${i.udi}</code></dd>
          <dt>${t('instances.id')}</dt><dd><code>${i.id}</code></dd>
          <dt>${t('instances.state')}</dt><dd><span class="state">${label('state', i.state)}</span></dd>
          <dt>${t('instances.product')}</dt><dd>${i.productName ?? '—'} ${d.softwareVersion ?? ''}</dd>
          <dt>${t('instances.registered')}</dt><dd>${dateTime(i.registeredAt)}</dd>
          <dt>${t('instances.lastContact')}</dt><dd>${dateTime(i.lastContactAt)}</dd>
          <dt>${t('instances.authorizationExpires')}</dt><dd>${deadline(i.authorizationExpires)}</dd>
          <dt>${t('instances.exportControlled')}</dt><dd>${d.exportControlled ? t('common.yes') : t('common.no')}</dd>
        </dl>
        ${can('INSTANCES_WRITE') ? html`<p><button class="danger" @click=${this.removeInstance}>${t('instances.remove')}</button></p>` : nothing}
        <h2>${t('instances.licences')}</h2>
        ${d.licenses.length ? html`<table><thead><tr><th>${t('compliance.tag')}</th><th class="num">${t('instances.requested')}</th>
          <th class="num">${t('instances.covered')}</th><th>${t('compliance.borrowed')}</th><th class="num">${t('instances.shortfall')}</th></tr></thead>
          <tbody>${d.licenses.map((l) => html`<tr><td>${l.tag}</td><td class="num">${number(l.requested)}</td>
            <td class="num">${number(l.coveredExactly)}</td><td>${l.borrowed ? `${number(l.borrowed)} (${l.borrowedFrom})` : '—'}</td>
            <td class="num ${l.shortfall ? 'bad' : ''}">${number(l.shortfall)}</td></tr>`)}</tbody></table>`
          : html`<p class="muted">${t('instances.noLicences')}</p>`}
        <h2>${t('instances.certificate')}</h2>
        <dl><dt>${t('instances.certificateSerial')}</dt><dd><code>${d.idCertificateSerial ?? '—'}</code></dd>
          <dt>${t('instances.certificateExpires')}</dt><dd>${deadline(i.idCertificateExpires)}</dd></dl>
        ${d.idCertificatePem ? html`<details><summary>${t('instances.showPem')}</summary><pre>${d.idCertificatePem}</pre></details>` : nothing}
        <h2>${t('instances.events')}</h2>
        <table data-testid="instance-events"><thead><tr><th>${t('events.when')}</th><th>${t('events.type')}</th><th>${t('events.detail')}</th></tr></thead>
          <tbody>${this.events?.items.map((e) => html`<tr><td>${dateTime(e.occurredAt)}</td><td>${label('eventType', e.type)}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody></table>
        ${pager(this.events, (p) => this.load(p))}
        <ls-confirm></ls-confirm>` : nothing}`;
  }
}
