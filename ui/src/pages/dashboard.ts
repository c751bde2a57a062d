import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, deadline, number, dateTime, label } from '../i18n';
import { get } from '../api';
import type { Dashboard } from '../model';
import '../components/chart';

/** What an operator checks first: devices by state, compliance per VA, sync due, certificates, open alerts. */
@customElement('ls-dashboard')
export class DashboardPage extends LsElement {
  static styles = [shared, css`.figure { font-size: 1.6rem; font-weight: 600; }`];

  @state() private data: Dashboard | null = null;
  @state() private error: unknown = null;

  connectedCallback(): void {
    super.connectedCallback();
    get<Dashboard>('/dashboard').then((d) => { this.data = d; }, (e) => { this.error = e; });
  }

  private complianceChart(va: Dashboard['compliance'][number]): ChartConfiguration {
    return {
      type: 'bar',
      data: {
        labels: va.tags.map((tag) => tag.tag),
        datasets: [
          { label: t('compliance.purchased'), data: va.tags.map((tag) => tag.purchased), backgroundColor: '#0b5cad' },
          { label: t('compliance.inUse'), data: va.tags.map((tag) => tag.inUse), backgroundColor: '#f0a000' },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
  }

  render() {
    const d = this.data;
    return html`<h1>${t('nav.dashboard')}</h1>
      <ls-problem .error=${this.error}></ls-problem>
      ${d ? html`
      <div class="grid">
        <section class="card" aria-labelledby="states"><h2 id="states">${t('dashboard.devicesByState')}</h2>
          <table data-testid="devices-by-state"><tbody>${Object.entries(d.devicesByState).map(([s, n]) =>
            html`<tr><td><a href="#/instances?state=${s}">${label('state', s)}</a></td><td class="num">${number(n)}</td></tr>`)}</tbody></table>
        </section>
        <section class="card" aria-labelledby="sync"><h2 id="sync">${t('dashboard.sync')}</h2>
          ${d.sync.registered ? html`<dl>
            <dt>${t('sync.lastSyncDown')}</dt><dd>${dateTime(d.sync.lastSyncDown)}</dd>
            <dt>${t('sync.due')}</dt><dd class=${d.sync.overdue ? 'bad' : ''}>${deadline(d.sync.dueAt)}${d.sync.overdue ? ` — ${t('sync.overdue')}` : ''}</dd>
          </dl>` : html`<p>${t('sync.notRegistered')} <a href="#/sync">${t('nav.sync')}</a></p>`}
        </section>
        <section class="card" aria-labelledby="alerts"><h2 id="alerts">${t('dashboard.alerts', { count: d.alerts.count })}</h2>
          ${d.alerts.items.length ? html`<ul>${d.alerts.items.map((a) => html`<li><span class="state">${a.severity}</span> ${a.message}</li>`)}</ul>`
            : html`<p class="muted">${t('alerts.none')}</p>`}
          <a href="#/alerts">${t('dashboard.allAlerts')}</a>
        </section>
        <section class="card" aria-labelledby="certs"><h2 id="certs">${t('dashboard.certificates')}</h2>
          <table><tbody>${d.certificates.map((c) => html`<tr><td>${c.name}</td><td>${deadline(c.notAfter)}</td>
            <td class="num ${c.daysLeft < 30 ? 'bad' : ''}">${t('common.daysLeft', { days: c.daysLeft })}</td></tr>`)}</tbody></table>
        </section>
      </div>
      <h2>${t('dashboard.compliance')}</h2>
      ${d.compliance.length === 0 ? html`<p class="muted">${t('accounts.none')}</p>` : nothing}
      <div class="grid">${d.compliance.map((va) => html`<section class="card">
        <h2><a href="#/accounts?va=${va.virtualAccountId}">${va.virtualAccountName}</a></h2>
        ${va.tags.length ? html`<ls-chart .config=${this.complianceChart(va)} label=${t('dashboard.complianceChart', { va: va.virtualAccountName })}></ls-chart>`
          : html`<p class="muted">${t('accounts.noLicences')}</p>`}
      </section>`)}</div>` : nothing}`;
  }
}
