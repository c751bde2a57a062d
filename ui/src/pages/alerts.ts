import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, number } from '../i18n';
import { asPage, get, type Page } from '../api';
import { navigate } from '../router';
import { pager } from '../components/pager';
import type { Alert } from '../model';

/** Open alerts, raised by the satellite itself or sent by the upstream with the last response. */
@customElement('ls-alerts')
export class AlertsPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private alerts: Page<Alert> | null = null;
  @state() private error: unknown = null;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) {
      get<Page<Alert> | Alert[]>('/alerts', { page: Number(this.params.get('page') ?? 0), size: 50 })
        .then((a) => { this.alerts = asPage(a); this.error = null; }, (e) => { this.error = e; });
    }
  }

  render() {
    return html`<h1>${t('nav.alerts')}</h1>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="alerts"><thead><tr><th>${t('alerts.severity')}</th><th>${t('alerts.code')}</th><th>${t('alerts.message')}</th>
        <th>${t('alerts.source')}</th><th>${t('events.when')}</th></tr></thead>
        <tbody>${this.alerts?.items.map((a) => html`<tr><td><span class="state">${a.severity}</span></td><td><code>${a.code}</code></td>
          <td>${a.message}</td><td>${a.source ?? ''}</td><td>${a.raisedAt ? dateTime(a.raisedAt) : ''}</td></tr>`)}</tbody></table>
      ${this.alerts && this.alerts.total === 0 ? html`<p class="muted">${t('alerts.none')}</p>` : nothing}
      ${pager(this.alerts, (p) => navigate('/alerts', { page: p }))}
      <p class="muted">${this.alerts ? t('instances.count', { total: number(this.alerts.total) }) : ''}</p>`;
  }
}
