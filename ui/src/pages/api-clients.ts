import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, deadline } from '../i18n';
import { asPage, del, get, post, type Page } from '../api';
import { navigate } from '../router';
import { pager } from '../components/pager';
import type { ConfirmDialog } from '../components/dialog';
import type { ApiClient } from '../model';
import '../components/dialog';
import '../components/copy';

const SCOPES = ['READ', 'ACCOUNTS_WRITE', 'TOKENS_WRITE', 'INSTANCES_WRITE', 'SYNC_RUN', 'SETTINGS_WRITE', 'USERS_WRITE', 'AUDIT_READ'];

/** API clients for automation: bearer tokens with scopes, shown once, revocable. */
@customElement('ls-api-clients')
export class ApiClientsPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private clients: Page<ApiClient> | null = null;
  @state() private created: ApiClient | null = null;
  @state() private error: unknown = null;
  @state() private createError: unknown = null;
  @query('ls-confirm') private confirm!: ConfirmDialog;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    try {
      this.clients = asPage(await get<Page<ApiClient> | ApiClient[]>('/api-clients', { page: Number(this.params.get('page') ?? 0), size: 50 }));
      this.error = null;
    } catch (e) { this.error = e; }
  }

  private async create(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.createError = null;
    this.created = null;
    try {
      const days = String(data.get('expiresInDays') ?? '').trim();
      this.created = await post<ApiClient>('/api-clients', { name: String(data.get('name')).trim(), scopes: data.getAll('scope'),
        expiresInDays: days ? Number(days) : null });
      form.reset();
      await this.load();
    } catch (err) { this.createError = err; }
  }

  private async revoke(c: ApiClient) {
    if (!(await this.confirm.ask(t('apiClients.revokeConfirm', { name: c.name }), t('tokens.revoke')))) return;
    try {
      await del(`/api-clients/${encodeURIComponent(String(c.id))}`);
      await this.load();
    } catch (err) { this.error = err; }
  }

  render() {
    return html`<h1>${t('nav.apiClients')}</h1>
      <section class="card"><h2>${t('apiClients.create')}</h2>
        <form @submit=${this.create}>
          <div class="filters">
            <label>${t('apiClients.name')}<input name="name" required></label>
            <label>${t('tokens.expiresInDays')}<input name="expiresInDays" type="number" min="1"></label>
          </div>
          <fieldset><legend>${t('apiClients.scopes')}</legend>
            ${SCOPES.map((s) => html`<label class="inline"><input type="checkbox" name="scope" value=${s}>${s}</label>`)}</fieldset>
          <p><button type="submit">${t('apiClients.createButton')}</button></p>
        </form>
        <ls-problem .error=${this.createError}></ls-problem>
        ${this.created?.token ? html`<div role="status"><p><strong>${t('tokens.shownOnce')}</strong></p>
          <ls-copy .value=${this.created.token} label=${t('apiClients.token')}></ls-copy></div>` : nothing}
      </section>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="api-clients"><thead><tr><th>${t('apiClients.name')}</th><th>${t('apiClients.scopes')}</th><th>${t('tokens.expires')}</th><th>${t('tokens.created')}</th><th></th></tr></thead>
        <tbody>${this.clients?.items.map((c) => html`<tr><td>${c.name}</td><td>${c.scopes.join(', ')}</td><td>${deadline(c.expiresAt)}</td>
          <td>${c.createdAt ? dateTime(c.createdAt) : ''} ${c.createdBy ?? ''}</td>
          <td><button class="danger" @click=${() => this.revoke(c)} aria-label=${t('apiClients.revokeNamed', { name: c.name })}>${t('tokens.revoke')}</button></td></tr>`)}</tbody></table>
      ${pager(this.clients, (p) => navigate('/api-clients', { page: p }))}
      <ls-confirm></ls-confirm>`;
  }
}
