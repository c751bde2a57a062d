import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, deadline, day, label, number } from '../i18n';
import { ApiError, asPage, call, download, get, upload, type Page } from '../api';
import { navigate } from '../router';
import { can } from '../session';
import { pager } from '../components/pager';
import type { VirtualAccount } from '../model';
import '../components/chart';

interface DailyUsage { day: string; tag: string; count: number }
interface ReportSummary {
  id: number; pid: string; serialNumber: string; virtualAccountId: number; reportId: number; source: string; state: string;
  receivedAt: string; sentAt: string | null; correlation: string | null; acknowledgedAt: string | null; measurements: number;
}
interface UsageDevice {
  id: number; pid: string; serialNumber: string; instanceId: string | null; virtualAccountId: number; lastReportAt: string | null;
  reportsPending: number; reportsSent: number; reportsAcknowledged: number; lastAckAt: string | null;
  nextReportDue: string | null; ackDeadline: string | null;
}
interface DeviceDeadline {
  deviceId: number; pid: string; serialNumber: string; virtualAccountId: number; policy: string | null;
  lastReportAt: string | null; nextReportDue: string | null; ackDeadline: string | null; nearest: string | null;
}
interface PullDevice {
  id: number; address: string; port: number; virtualAccount: string | null; udi: string | null; enabled: boolean;
  lastPulledAt: string | null; lastResult: string | null; lastError: string | null; reportsStored: number; acksImported: number;
}
interface FileResult { reportsStored: number; duplicates: number; devices: { pid: string; serialNumber: string }[]; authorizationRequests: number }

const COLOURS = ['#0b5cad', '#f0a000', '#1e7b34', '#b3261e', '#6a3d9a', '#00838f'];
const REPORT_STATES = ['PENDING', 'SENT', 'ACKNOWLEDGED'];
const FILTERS = ['virtualAccountId', 'tag', 'pid', 'serial'] as const;

/** Not there (404) on satellites without that part of usage reporting: shown as such, not as an error. */
const absent = (e: unknown) => e instanceof ApiError && e.status === 404;

/**
 * Smart Licensing Using Policy: usage per VA, tag and device over time; reports waiting for acknowledgement;
 * deadlines; devices pulled from; a device's usage file in, its ACK file out.
 */
@customElement('ls-usage')
export class UsagePage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private accounts: VirtualAccount[] = [];
  @state() private daily: DailyUsage[] | null = null;
  @state() private reports: Page<ReportSummary> | null = null;
  @state() private devices: Page<UsageDevice> | null = null;
  @state() private deadlines: Page<DeviceDeadline> | null | 'absent' = null;
  @state() private pulled: Page<PullDevice> | null | 'absent' = null;
  @state() private error: unknown = null;
  @state() private unavailable = false;
  @state() private fileError: unknown = null;
  @state() private fileResult: FileResult | null = null;
  @state() private progress: number | null = null;

  private get query(): Record<string, string | number> {
    const q: Record<string, string | number> = {
      days: Number(this.params.get('days') ?? 30),
      state: this.params.get('state') ?? 'SENT',
      reportsPage: Number(this.params.get('reportsPage') ?? 0),
      devicesPage: Number(this.params.get('devicesPage') ?? 0),
    };
    for (const f of FILTERS) q[f] = this.params.get(f) ?? '';
    return q;
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    const q = this.query;
    const filters = { virtualAccountId: q.virtualAccountId, pid: q.pid, serial: q.serial };
    this.error = null;
    try {
      if (!this.accounts.length) this.accounts = asPage(await get<Page<VirtualAccount> | VirtualAccount[]>('/virtual-accounts', { size: 500 })).items;
      const from = new Date(Date.now() - Number(q.days) * 86_400_000).toISOString().substring(0, 10);
      [this.daily, this.reports, this.devices] = await Promise.all([
        get<DailyUsage[]>('/usage/daily', { ...filters, tag: q.tag, from }),
        get<Page<ReportSummary>>('/usage/reports', { ...filters, state: q.state, page: q.reportsPage, size: 20 }),
        get<Page<UsageDevice>>('/usage/devices', { ...filters, page: q.devicesPage, size: 20 }),
      ]);
      this.unavailable = false;
    } catch (e) {
      if (absent(e)) this.unavailable = true;
      else this.error = e;
    }
    this.deadlines = await get<Page<DeviceDeadline>>('/usage/deadlines', { virtualAccountId: q.virtualAccountId, size: 10 })
      .catch((e) => (absent(e) ? 'absent' as const : null));
    this.pulled = await get<Page<PullDevice>>('/usage/pull-devices', { virtualAccountId: q.virtualAccountId, size: 20 })
      .catch((e) => (absent(e) ? 'absent' as const : null));
  }

  private go(changes: Record<string, string | number>) { navigate('/usage', { ...this.query, ...changes }); }

  private search(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string | number> = { reportsPage: 0, devicesPage: 0, days: String(data.get('days')) };
    for (const f of FILTERS) next[f] = String(data.get(f) ?? '').trim();
    this.go(next);
  }

  private async uploadFile(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const file = (form.querySelector('input[type=file]') as HTMLInputElement).files?.[0];
    const va = String(new FormData(form).get('virtualAccountId') ?? '');
    if (!file) return;
    this.fileError = null;
    this.fileResult = null;
    this.progress = 0;
    try {
      this.fileResult = await upload<FileResult>(`/usage/files${va ? `?virtualAccountId=${encodeURIComponent(va)}` : ''}`,
        file, 'application/xml', (p) => { this.progress = p; });
      form.reset();
      await this.load();
    } catch (err) {
      this.fileError = err;
      this.progress = null;
    }
  }

  private async ackFile(d: { pid: string; serialNumber: string }) {
    this.fileError = null;
    try {
      await download(await call('GET', '/usage/ack-file', { query: { pid: d.pid, serial: d.serialNumber } }), `ack-${d.serialNumber}.xml`);
    } catch (e) {
      this.fileError = e;
    }
  }

  private chart(points: DailyUsage[]): ChartConfiguration {
    const days = [...new Set(points.map((p) => p.day))].sort();
    const tags = [...new Set(points.map((p) => p.tag))];
    return {
      type: 'line',
      data: {
        labels: days.map((d) => day(d)),
        datasets: tags.map((tag, i) => {
          const byDay = new Map(points.filter((p) => p.tag === tag).map((p) => [p.day, p.count]));
          return { label: tag, data: days.map((d) => byDay.get(d) ?? 0), borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length] };
        }),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
  }

  private vaName(id: number | null | undefined) { return this.accounts.find((a) => a.id === id)?.name ?? (id ?? '—'); }

  private deadlinesSection() {
    const d = this.deadlines;
    if (d === 'absent') return html`<p class="muted">${t('usage.partMissing')}</p>`;
    if (!d) return nothing;
    return html`<table data-testid="usage-deadlines"><thead><tr><th>${t('instances.pid')}</th><th>${t('instances.serial')}</th>
      <th>${t('instances.virtualAccount')}</th><th>${t('usage.lastReport')}</th><th>${t('usage.nextReportDue')}</th><th>${t('usage.ackDeadline')}</th></tr></thead>
      <tbody>${d.items.map((x) => html`<tr><td>${x.pid}</td><td>${x.serialNumber}</td><td>${this.vaName(x.virtualAccountId)}</td>
        <td>${dateTime(x.lastReportAt)}</td><td>${deadline(x.nextReportDue)}</td><td>${deadline(x.ackDeadline)}</td></tr>`)}</tbody></table>
      ${d.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}`;
  }

  private pulledSection() {
    const p = this.pulled;
    if (p === 'absent') return html`<p class="muted">${t('usage.partMissing')}</p>`;
    if (!p) return nothing;
    return html`<table data-testid="usage-pulled"><thead><tr><th>${t('usage.address')}</th><th>${t('instances.udi')}</th>
      <th>${t('instances.virtualAccount')}</th><th>${t('usage.lastPulled')}</th><th>${t('usage.lastResult')}</th><th class="num">${t('usage.stored')}</th></tr></thead>
      <tbody>${p.items.map((x) => html`<tr><td>${x.address}:${x.port}${x.enabled ? '' : ` (${t('usage.disabled')})`}</td><td>${x.udi ?? '—'}</td>
        <td>${x.virtualAccount ?? '—'}</td><td>${dateTime(x.lastPulledAt)}</td>
        <td class=${x.lastError ? 'bad' : ''}>${x.lastResult ?? '—'}${x.lastError ? html`<div class="muted">${x.lastError}</div>` : nothing}</td>
        <td class="num">${number(x.reportsStored)}</td></tr>`)}</tbody></table>
      ${p.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}`;
  }

  render() {
    const q = this.query;
    if (this.unavailable) return html`<h1>${t('nav.usage')}</h1><p class="muted">${t('usage.notYet')}</p>`;
    return html`<h1>${t('nav.usage')}</h1>
      <form class="filters" role="search" @submit=${this.search}>
        <label>${t('instances.virtualAccount')}<select name="virtualAccountId"><option value="">${t('common.all')}</option>
          ${this.accounts.map((a) => html`<option value=${a.id} ?selected=${String(a.id) === q.virtualAccountId}>${a.name}</option>`)}</select></label>
        <label>${t('compliance.tag')}<input name="tag" .value=${String(q.tag)}></label>
        <label>${t('instances.pid')}<input name="pid" .value=${String(q.pid)}></label>
        <label>${t('instances.serial')}<input name="serial" .value=${String(q.serial)}></label>
        <label>${t('accounts.period')}<select name="days">${[7, 30, 90, 365].map((d) => html`<option value=${d} ?selected=${d === Number(q.days)}>${t('common.lastDays', { days: d })}</option>`)}</select></label>
        <button type="submit">${t('common.search')}</button>
      </form>
      <ls-problem .error=${this.error}></ls-problem>

      <h2>${t('usage.overTime')}</h2>
      ${this.daily && this.daily.length ? html`<ls-chart .config=${this.chart(this.daily)} label=${t('usage.overTime')}></ls-chart>`
        : html`<p class="muted">${t('accounts.noHistory')}</p>`}

      ${can('SYNC_RUN') ? html`<section class="card"><h2>${t('usage.fileTitle')}</h2>
        <p class="muted">${t('usage.fileHelp')}</p>
        <form class="filters" @submit=${this.uploadFile}>
          <label>${t('usage.file')}<input type="file" name="file" accept=".txt,.xml,.lic" required data-testid="usage-file"></label>
          <label>${t('instances.virtualAccount')}<select name="virtualAccountId"><option value="">${t('usage.defaultVa')}</option>
            ${this.accounts.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</select></label>
          <button type="submit">${t('usage.upload')}</button>
        </form>
        ${this.progress !== null ? html`<label>${t('sync.progress')}<progress max="1" .value=${this.progress}></progress></label>` : nothing}
        <ls-problem .error=${this.fileError}></ls-problem>
        ${this.fileResult ? html`<p role="status" data-testid="usage-file-result">${t('usage.fileResult', { stored: this.fileResult.reportsStored,
          duplicates: this.fileResult.duplicates, requests: this.fileResult.authorizationRequests,
          devices: this.fileResult.devices.map((d) => `${d.pid} ${d.serialNumber}`).join(', ') })}</p>` : nothing}
      </section>` : nothing}

      <h2>${t('usage.reports')}</h2>
      <label class="inline">${t('tokens.status')}<select @change=${(e: Event) => this.go({ state: (e.target as HTMLSelectElement).value, reportsPage: 0 })}>
        ${REPORT_STATES.map((s) => html`<option value=${s} ?selected=${s === q.state}>${label('reportState', s)}</option>`)}</select></label>
      <table data-testid="usage-reports"><thead><tr><th>${t('usage.received')}</th><th>${t('instances.pid')}</th><th>${t('instances.serial')}</th>
        <th>${t('instances.virtualAccount')}</th><th>${t('usage.source')}</th><th>${t('tokens.status')}</th><th class="num">${t('usage.measurements')}</th><th>${t('usage.sent')}</th></tr></thead>
        <tbody>${this.reports?.items.map((r) => html`<tr><td>${dateTime(r.receivedAt)}</td><td>${r.pid}</td><td>${r.serialNumber}</td>
          <td>${this.vaName(r.virtualAccountId)}</td><td>${r.source}</td><td><span class="state">${label('reportState', r.state)}</span></td>
          <td class="num">${number(r.measurements)}</td><td>${dateTime(r.sentAt)}</td></tr>`)}</tbody></table>
      ${this.reports && this.reports.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.reports, (p) => this.go({ reportsPage: p }))}

      <h2>${t('usage.deadlines')}</h2>
      ${this.deadlinesSection()}

      <h2>${t('usage.devices')}</h2>
      <table data-testid="usage-devices"><thead><tr><th>${t('instances.pid')}</th><th>${t('instances.serial')}</th><th>${t('instances.virtualAccount')}</th>
        <th>${t('usage.lastReport')}</th><th class="num">${t('usage.waiting')}</th><th>${t('usage.lastAck')}</th><th>${t('usage.nextReportDue')}</th><th></th></tr></thead>
        <tbody>${this.devices?.items.map((d) => html`<tr><td>${d.pid}</td><td>${d.serialNumber}</td><td>${this.vaName(d.virtualAccountId)}</td>
          <td>${dateTime(d.lastReportAt)}</td><td class="num">${number(d.reportsPending + d.reportsSent)}</td><td>${dateTime(d.lastAckAt)}</td>
          <td>${deadline(d.nextReportDue)}</td>
          <td>${can('SYNC_RUN') && d.lastAckAt ? html`<button class="secondary" @click=${() => this.ackFile(d)}
            aria-label=${t('usage.ackFileNamed', { serial: d.serialNumber })}>${t('usage.ackFile')}</button>` : nothing}</td></tr>`)}</tbody></table>
      ${this.devices && this.devices.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.devices, (p) => this.go({ devicesPage: p }))}

      <h2>${t('usage.pulled')}</h2>
      ${this.pulledSection()}`;
  }
}
