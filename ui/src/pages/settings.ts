import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, deadline } from '../i18n';
import { get } from '../api';
import { session } from '../session';
import type { SettingsOverview } from '../model';
import '../components/copy';
import './password';

/** What to paste on devices, the clock the satellite trusts, its certificates, and one's own password. */
@customElement('ls-settings')
export class SettingsPage extends LsElement {
  static styles = [shared];

  @state() private overview: SettingsOverview | null = null;
  @state() private error: unknown = null;

  connectedCallback(): void {
    super.connectedCallback();
    get<SettingsOverview>('/settings/overview').then((o) => { this.overview = o; }, (e) => { this.error = e; });
  }

  render() {
    const o = this.overview;
    const lines = o?.deviceDoor.configLines;
    return html`<h1>${t('nav.settings')}</h1>
      <ls-problem .error=${this.error}></ls-problem>
      ${o ? html`
      <section class="card" aria-labelledby="door"><h2 id="door">${t('settings.deviceDoor')}</h2>
        <p>${t('settings.deviceDoorHelp')}</p>
        <h3>${t('settings.callHome')}</h3><ls-copy .value=${o.deviceDoor.urls.callHome} label=${t('settings.callHome')} data-testid="call-home-url"></ls-copy>
        <h3>${t('settings.smartTransport')}</h3><ls-copy .value=${o.deviceDoor.urls.smartTransport} label=${t('settings.smartTransport')}></ls-copy>
        <h3>${t('settings.cslu')}</h3><ls-copy .value=${o.deviceDoor.urls.cslu} label=${t('settings.cslu')}></ls-copy>
        ${lines ? html`${([['iosXe', 'IOS XE'], ['nxos', 'NX-OS'], ['iosXr', 'IOS XR']] as const).map(([key, name]) => lines[key]?.length ? html`
          <h3>${t('settings.configFor', { os: name })}</h3>
          <ls-copy .value=${lines[key].join('\n')} label=${t('settings.configFor', { os: name })}></ls-copy>` : nothing)}` : nothing}
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="clock"><h2 id="clock">${t('settings.clock')}</h2>
          <dl><dt>${t('settings.now')}</dt><dd>${deadline(o.clock.now)}</dd>
            <dt>${t('settings.ntp')}</dt><dd class=${o.clock.ntpSynchronized === false ? 'bad' : ''}>${o.clock.ntpSynchronized === null ? t('settings.ntpUnknown')
              : o.clock.ntpSynchronized ? t('settings.ntpSynchronized') : t('settings.ntpNotSynchronized')}</dd>
            <dt>${t('settings.ntpSource')}</dt><dd>${o.clock.source ?? '—'}</dd></dl>
        </section>
        <section class="card" aria-labelledby="certs"><h2 id="certs">${t('dashboard.certificates')}</h2>
          <table><thead><tr><th>${t('settings.certificate')}</th><th>${t('settings.subject')}</th><th>${t('settings.notAfter')}</th><th class="num">${t('settings.daysLeft')}</th></tr></thead>
            <tbody>${o.certificates.map((c) => html`<tr><td>${c.name}</td><td><code>${c.subject}</code></td><td>${dateTime(c.notAfter)}</td>
              <td class="num ${c.daysLeft < 30 ? 'bad' : ''}">${c.daysLeft}</td></tr>`)}</tbody></table>
        </section>
      </div>` : nothing}
      <h2>${t('settings.ownPassword', { user: session()?.username ?? '' })}</h2>
      <ls-password></ls-password>
      <p class="muted"><a href="#/users">${t('nav.users')}</a> · <a href="#/api-clients">${t('nav.apiClients')}</a></p>`;
  }
}
