import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, deadline, label, number } from '../i18n';
import { asPage, call, download, get, post, put, upload, type Page } from '../api';
import { navigate } from '../router';
import { can } from '../session';
import { pager } from '../components/pager';
import type { Imported, SyncHistoryItem, SyncSettings, SyncStatus, Synced } from '../model';

const SCHEDULES = ['off', 'daily', 'weekly', 'monthly'];

/** Synchronisation with the upstream: by files across an air gap, or online; schedule and history. */
@customElement('ls-sync')
export class SyncPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private status: SyncStatus | null = null;
  @state() private history: Page<SyncHistoryItem> | null = null;
  @state() private error: unknown = null;
  @state() private fileError: unknown = null;
  @state() private fileNote = '';
  @state() private progress: number | null = null;
  @state() private imported: Imported | null = null;
  @state() private bound: { upstreamName: string; smartAccount: string; virtualAccounts: string[] } | null = null;
  @state() private onlineResult: Synced | null = null;
  @state() private onlineError: unknown = null;
  @state() private settingsError: unknown = null;
  @state() private settingsSaved = false;

  private get historyPage(): number { return Number(this.params.get('page') ?? 0); }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    this.error = null;
    try {
      [this.status, this.history] = await Promise.all([
        get<SyncStatus>('/sync'),
        get<Page<SyncHistoryItem> | SyncHistoryItem[]>('/sync/history', { page: this.historyPage, size: 20 }).then(asPage),
      ]);
    } catch (e) {
      this.error = e;
    }
  }

  private async downloadRegistration() {
    this.fileError = null;
    try {
      this.fileNote = t('sync.downloaded', { name: await download(await call('GET', '/sync/registration-file'), 'registration.yml') });
    } catch (e) { this.fileError = e; }
  }

  private async downloadRequest(type: 'standard' | 'full') {
    this.fileError = null;
    try {
      this.fileNote = t('sync.downloaded', { name: await download(await call('POST', '/sync/requests', { query: { type } }), `sync-request-${type}.yml`) });
      await this.load();
    } catch (e) { this.fileError = e; }
  }

  private async uploadFile(e: Event, kind: 'authorization' | 'response') {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const file = (form.querySelector('input[type=file]') as HTMLInputElement).files?.[0];
    if (!file) return;
    this.fileError = null;
    this.imported = null;
    this.bound = null;
    this.progress = 0;
    try {
      if (kind === 'response') {
        this.imported = await upload<Imported>('/sync/responses', file, 'application/yaml', (p) => { this.progress = p; });
      } else {
        this.bound = await upload('/sync/authorization-file', file, 'application/yaml', (p) => { this.progress = p; });
      }
      form.reset();
      await this.load();
    } catch (err) {
      this.fileError = err;
      this.progress = null;
    }
  }

  private async syncNow(type: 'standard' | 'full') {
    this.onlineError = null;
    this.onlineResult = null;
    try {
      this.onlineResult = await post<Synced>('/sync/online', undefined, { type });
      await this.load();
    } catch (e) { this.onlineError = e; }
  }

  private async saveSettings(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.settingsError = null;
    this.settingsSaved = false;
    const text = (name: string) => String(data.get(name) ?? '').trim();
    try {
      await put<SyncSettings>('/sync/settings', {
        schedule: text('schedule'), syncUrl: text('syncUrl'), proxyHost: text('proxyHost') || null,
        proxyPort: text('proxyPort') ? Number(text('proxyPort')) : null, proxyUsername: text('proxyUsername') || null,
        proxyPassword: text('proxyPassword') || null,
      });
      this.settingsSaved = true;
      await this.load();
    } catch (err) { this.settingsError = err; }
  }

  private result(i: Imported) {
    const c = i.changes;
    return html`<div role="status" class="card" data-testid="sync-result">
      <strong>${t('sync.imported', { sequence: i.requestSequence, upstream: i.upstreamName })}</strong>
      <ul>
        <li>${t('sync.changes.lines', { received: c.linesReceived, added: c.linesAdded, changed: c.linesChanged, removed: c.linesRemoved })}</li>
        <li>${t('sync.changes.accounts', { accounts: i.virtualAccounts, created: c.virtualAccountsCreated })}</li>
        <li>${t('sync.changes.alerts', { alerts: i.alerts })}</li>
        ${i.certificateRenewed ? html`<li>${t('sync.changes.certificate', { until: deadline(i.certificateNotAfter) })}</li>` : nothing}
      </ul></div>`;
  }

  render() {
    const s = this.status;
    const run = can('SYNC_RUN');
    return html`<h1>${t('nav.sync')}</h1>
      <ls-problem .error=${this.error}></ls-problem>
      ${s ? html`<section class="card"><dl data-testid="sync-status">
        <dt>${t('sync.satellite')}</dt><dd>${s.satelliteName} <code>${s.satelliteId}</code></dd>
        <dt>${t('sync.upstream')}</dt><dd>${s.upstream ? `${s.upstream.name} — ${s.upstream.smartAccount}` : t('sync.notRegistered')}</dd>
        <dt>${t('sync.lastSyncUp')}</dt><dd>${dateTime(s.lastSyncUpAt)}</dd>
        <dt>${t('sync.lastSyncDown')}</dt><dd>${dateTime(s.lastSyncDownAt)}</dd>
        <dt>${t('sync.due')}</dt><dd>${deadline(s.synchronizationDue)}</dd>
        <dt>${t('sync.acknowledged')}</dt><dd>${s.acknowledgedSequence ?? '—'} / ${s.lastRequestSequence}</dd>
      </dl>
      ${s.alerts.length ? html`<ul>${s.alerts.map((a) => html`<li><span class="state">${a.severity}</span> ${a.message}</li>`)}</ul>` : nothing}
      </section>` : nothing}

      ${run ? html`<h2>${t('sync.files')}</h2>
      <div class="grid">
        <section class="card"><h2>${t('sync.registration')}</h2>
          <p class="muted">${t('sync.registrationHelp')}</p>
          ${can('SETTINGS_WRITE') ? html`<p><button @click=${this.downloadRegistration}>${t('sync.downloadRegistration')}</button></p>
          <form @submit=${(e: Event) => this.uploadFile(e, 'authorization')}>
            <label>${t('sync.authorizationFile')}<input type="file" name="file" accept=".yml,.yaml,.txt" required></label>
            <p><button type="submit">${t('sync.uploadAuthorization')}</button></p>
          </form>` : html`<p class="muted">${t('common.notAllowed')}</p>`}
          ${this.bound ? html`<p role="status">${t('sync.bound', { upstream: this.bound.upstreamName, account: this.bound.smartAccount, vas: this.bound.virtualAccounts.join(', ') })}</p>` : nothing}
        </section>
        <section class="card"><h2>${t('sync.byFile')}</h2>
          <p class="toolbar"><button @click=${() => this.downloadRequest('standard')}>${t('sync.downloadStandard')}</button>
            <button class="secondary" @click=${() => this.downloadRequest('full')}>${t('sync.downloadFull')}</button></p>
          <form @submit=${(e: Event) => this.uploadFile(e, 'response')}>
            <label>${t('sync.responseFile')}<input type="file" name="file" accept=".yml,.yaml,.txt" required data-testid="response-file"></label>
            <p><button type="submit">${t('sync.uploadResponse')}</button></p>
          </form>
          ${this.progress !== null ? html`<label>${t('sync.progress')}<progress max="1" .value=${this.progress}></progress></label>` : nothing}
        </section>
      </div>
      ${this.fileNote ? html`<p role="status" data-testid="file-note">${this.fileNote}</p>` : nothing}
      <ls-problem .error=${this.fileError}></ls-problem>
      ${this.imported ? this.result(this.imported) : nothing}

      <h2>${t('sync.online')}</h2>
      <p class="toolbar"><button @click=${() => this.syncNow('standard')}>${t('sync.runNow')}</button>
        <button class="secondary" @click=${() => this.syncNow('full')}>${t('sync.runFull')}</button></p>
      <ls-problem .error=${this.onlineError}></ls-problem>
      ${this.onlineResult ? html`<p role="status">${t('sync.sent', { instances: this.onlineResult.instancesSent, events: this.onlineResult.eventsSent })}</p>
        ${this.result(this.onlineResult.imported)}` : nothing}` : nothing}

      ${s ? html`<h2>${t('sync.schedule')}</h2>
      <form class="filters" @submit=${this.saveSettings}>
        <label>${t('sync.scheduleLabel')}<select name="schedule" ?disabled=${!can('SETTINGS_WRITE')}>
          ${[...new Set([...SCHEDULES, s.settings.schedule])].map((v) => html`<option value=${v} ?selected=${v === s.settings.schedule}>${label('schedule', v)}</option>`)}</select></label>
        <label>${t('sync.url')}<input name="syncUrl" size="40" .value=${s.settings.syncUrl ?? ''} placeholder=${s.settings.effectiveSyncUrl ?? ''} ?disabled=${!can('SETTINGS_WRITE')}></label>
        <label>${t('sync.proxyHost')}<input name="proxyHost" .value=${s.settings.proxyHost ?? ''} ?disabled=${!can('SETTINGS_WRITE')}></label>
        <label>${t('sync.proxyPort')}<input name="proxyPort" type="number" min="1" max="65535" .value=${s.settings.proxyPort ? String(s.settings.proxyPort) : ''} ?disabled=${!can('SETTINGS_WRITE')}></label>
        <label>${t('sync.proxyUsername')}<input name="proxyUsername" .value=${s.settings.proxyUsername ?? ''} ?disabled=${!can('SETTINGS_WRITE')}></label>
        <label>${t('sync.proxyPassword')}<input name="proxyPassword" type="password" autocomplete="new-password"
          placeholder=${s.settings.proxyPasswordSet ? t('sync.passwordKept') : ''} ?disabled=${!can('SETTINGS_WRITE')}></label>
        ${can('SETTINGS_WRITE') ? html`<button type="submit">${t('common.save')}</button>` : nothing}
      </form>
      <p class="muted">${t('sync.nextRun', { when: dateTime(s.settings.nextScheduledRun) })}</p>
      <ls-problem .error=${this.settingsError}></ls-problem>
      ${this.settingsSaved ? html`<p role="status">${t('common.saved')}</p>` : nothing}` : nothing}

      <h2>${t('sync.history')}</h2>
      <table data-testid="sync-history"><thead><tr><th>${t('events.when')}</th><th>${t('sync.operation')}</th><th>${t('sync.channel')}</th>
        <th>${t('sync.type')}</th><th class="num">${t('sync.sequence')}</th><th>${t('sync.result')}</th><th>${t('audit.actor')}</th><th>${t('events.detail')}</th></tr></thead>
        <tbody>${this.history?.items.map((h) => html`<tr data-testid="history-row">
          <td>${dateTime((h.occurredAt ?? h.finishedAt ?? h.startedAt) as string | undefined)}</td><td>${label('syncOperation', h.operation)}</td>
          <td>${h.channel}</td><td>${h.type ?? ''}</td><td class="num">${h.requestSequence ?? ''}</td>
          <td class=${h.result === 'SUCCEEDED' ? 'good' : 'bad'}>${label('syncResult', h.result)}</td><td>${h.actor ?? ''}</td><td>${h.detail ?? ''}</td></tr>`)}</tbody></table>
      ${pager(this.history, (p) => navigate('/sync', { page: p }))}
      <p class="muted">${this.history ? t('instances.count', { total: number(this.history.total) }) : ''}</p>`;
  }
}
