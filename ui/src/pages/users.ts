import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, dateTime, label } from '../i18n';
import { asPage, del, get, post, put, type Page } from '../api';
import { navigate } from '../router';
import { session } from '../session';
import { pager } from '../components/pager';
import type { ConfirmDialog } from '../components/dialog';
import type { User, VirtualAccount } from '../model';
import '../components/dialog';

const ROLES = ['SYSADMIN', 'OPERATOR', 'VIEWER'];

/** Users: create with a temporary password, change role, enable/disable, VA limits, reset another's password. */
@customElement('ls-users')
export class UsersPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private users: Page<User> | null = null;
  @state() private accounts: VirtualAccount[] = [];
  @state() private error: unknown = null;
  @state() private createError: unknown = null;
  @state() private rowError: { username: string; error: unknown } | null = null;
  @state() private note = '';
  @query('ls-confirm') private confirm!: ConfirmDialog;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    try {
      if (!this.accounts.length) this.accounts = asPage(await get<Page<VirtualAccount> | VirtualAccount[]>('/virtual-accounts', { size: 500 })).items;
      this.users = asPage(await get<Page<User> | User[]>('/users', { page: Number(this.params.get('page') ?? 0), size: 50 }));
      this.error = null;
    } catch (e) { this.error = e; }
  }

  private vaIds(data: FormData, name: string): number[] | null {
    const ids = data.getAll(name).map(Number);
    return ids.length ? ids : null;
  }

  private async create(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.createError = null;
    try {
      await post('/users', { username: String(data.get('username')).trim(), role: data.get('role'),
        temporaryPassword: String(data.get('temporaryPassword')), virtualAccountIds: this.vaIds(data, 'va') });
      this.note = t('users.created', { user: String(data.get('username')) });
      form.reset();
      await this.load();
    } catch (err) { this.createError = err; }
  }

  private async saveUser(u: User, e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.rowError = null;
    try {
      await put(`/users/${encodeURIComponent(u.username)}`, { role: data.get('role'), enabled: data.get('enabled') === 'on',
        virtualAccountIds: this.vaIds(data, 'va') });
      this.note = t('common.saved');
      await this.load();
    } catch (err) { this.rowError = { username: u.username, error: err }; }
  }

  private async resetPassword(u: User, e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.rowError = null;
    try {
      await post(`/users/${encodeURIComponent(u.username)}/password`, { temporaryPassword: String(data.get('temporaryPassword')) });
      this.note = t('users.resetDone', { user: u.username });
      form.reset();
    } catch (err) { this.rowError = { username: u.username, error: err }; }
  }

  private async deleteUser(u: User) {
    if (!(await this.confirm.ask(t('users.deleteConfirm', { user: u.username }), t('users.delete')))) return;
    try {
      await del(`/users/${encodeURIComponent(u.username)}`);
      await this.load();
    } catch (err) { this.rowError = { username: u.username, error: err }; }
  }

  private vaSelect(selected: number[] | null, id: string) {
    return html`<label>${t('users.vaLimit')}<select name="va" multiple size="3" id=${id}>
      ${this.accounts.map((a) => html`<option value=${a.id} ?selected=${selected?.includes(a.id) ?? false}>${a.name}</option>`)}</select>
      <span class="muted">${t('users.vaLimitHelp')}</span></label>`;
  }

  render() {
    return html`<h1>${t('nav.users')}</h1>
      <ls-problem .error=${this.error}></ls-problem>
      <section class="card"><h2>${t('users.create')}</h2>
        <form class="filters" @submit=${this.create}>
          <label>${t('login.username')}<input name="username" required autocomplete="off"></label>
          <label>${t('users.role')}<select name="role">${ROLES.map((r) => html`<option value=${r}>${label('role', r)}</option>`)}</select></label>
          <label>${t('users.temporaryPassword')}<input name="temporaryPassword" type="password" autocomplete="new-password" required></label>
          ${this.vaSelect(null, 'new-va')}
          <button type="submit">${t('users.createButton')}</button>
        </form>
        <ls-problem .error=${this.createError}></ls-problem>
      </section>
      ${this.note ? html`<p role="status">${this.note}</p>` : nothing}
      <table data-testid="users"><thead><tr><th>${t('login.username')}</th><th>${t('users.settings')}</th><th>${t('users.reset')}</th><th></th></tr></thead>
        <tbody>${this.users?.items.map((u) => html`<tr>
          <td><strong>${u.username}</strong>${u.mustChangePassword ? html`<div class="muted">${t('users.mustChange')}</div>` : nothing}
            ${u.lastLoginAt ? html`<div class="muted">${t('users.lastLogin', { when: dateTime(u.lastLoginAt) })}</div>` : nothing}</td>
          <td><form class="filters" @submit=${(e: Event) => this.saveUser(u, e)}>
            <label>${t('users.role')}<select name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${label('role', r)}</option>`)}</select></label>
            <label class="inline"><input type="checkbox" name="enabled" ?checked=${u.enabled}>${t('users.enabled')}</label>
            ${this.vaSelect(u.virtualAccountIds, `va-${u.username}`)}
            <button type="submit" aria-label=${t('users.saveNamed', { user: u.username })}>${t('common.save')}</button></form>
            ${this.rowError?.username === u.username ? html`<ls-problem .error=${this.rowError.error}></ls-problem>` : nothing}</td>
          <td>${u.username !== session()?.username ? html`<form class="filters" @submit=${(e: Event) => this.resetPassword(u, e)}>
            <label>${t('users.temporaryPassword')}<input name="temporaryPassword" type="password" autocomplete="new-password" required></label>
            <button type="submit" class="secondary" aria-label=${t('users.resetNamed', { user: u.username })}>${t('users.reset')}</button></form>` : nothing}</td>
          <td>${u.username !== session()?.username ? html`<button class="danger" @click=${() => this.deleteUser(u)} aria-label=${t('users.deleteNamed', { user: u.username })}>${t('users.delete')}</button>` : nothing}</td>
        </tr>`)}</tbody></table>
      ${pager(this.users, (p) => navigate('/users', { page: p }))}
      <ls-confirm></ls-confirm>`;
  }
}
