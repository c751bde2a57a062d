import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t, number, deadline, dateTime, label } from '../i18n';
import { asPage, del, get, post, type Page } from '../api';
import { navigate } from '../router';
import { can } from '../session';
import { pager, sortHeader } from '../components/pager';
import type { ConfirmDialog } from '../components/dialog';
import { TOKEN_STATUSES, type CreatedToken, type Token, type VirtualAccount } from '../model';
import '../components/dialog';
import '../components/copy';

/** Registration tokens: create with limits, copy once, list with uses left and expiry, revoke. */
@customElement('ls-tokens')
export class TokensPage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();
  @state() private accounts: VirtualAccount[] = [];
  @state() private tokens: Page<Token> | null = null;
  @state() private created: CreatedToken | null = null;
  @state() private error: unknown = null;
  @state() private createError: unknown = null;
  @query('ls-confirm') private confirm!: ConfirmDialog;

  private get filters() {
    return {
      virtualAccountId: this.params.get('virtualAccountId') ?? '',
      status: this.params.get('status') ?? '',
      page: Number(this.params.get('page') ?? 0),
      sort: this.params.get('sort') ?? '-createdAt',
    };
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) this.load();
  }

  private async load() {
    this.error = null;
    try {
      if (!this.accounts.length) this.accounts = asPage(await get<Page<VirtualAccount> | VirtualAccount[]>('/virtual-accounts', { size: 500 })).items;
      this.tokens = asPage(await get<Page<Token> | Token[]>('/tokens', { ...this.filters, size: 50 }));
    } catch (e) {
      this.error = e;
    }
  }

  private go(changes: Record<string, string | number | null>) {
    navigate('/tokens', { ...this.filters, ...changes });
  }

  private filter(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.go({ virtualAccountId: String(data.get('virtualAccountId')), status: String(data.get('status')), page: 0 });
  }

  private async create(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.createError = null;
    this.created = null;
    try {
      this.created = await post<CreatedToken>(`/virtual-accounts/${data.get('va')}/tokens`, {
        description: String(data.get('description') ?? ''),
        expiresInDays: Number(data.get('expiresInDays')),
        maxUses: Number(data.get('maxUses')),
        exportControlled: data.get('exportControlled') === 'on',
      });
      form.reset();
      await this.load();
    } catch (err) {
      this.createError = err;
    }
  }

  private async revoke(token: Token) {
    if (!(await this.confirm.ask(t('tokens.revokeConfirm', { hint: token.hint, description: token.description ?? '' }), t('tokens.revoke')))) return;
    try {
      await del(`/tokens/${token.id}`);
      await this.load();
    } catch (e) {
      this.error = e;
    }
  }

  private vaName(id: number) { return this.accounts.find((a) => a.id === id)?.name ?? String(id); }

  render() {
    const f = this.filters;
    const setSort = (s: string) => this.go({ sort: s, page: 0 });
    return html`<h1>${t('nav.tokens')}</h1>
      ${can('TOKENS_WRITE') ? html`<section class="card" aria-labelledby="new-token">
        <h2 id="new-token">${t('tokens.create')}</h2>
        <form class="filters" @submit=${this.create} data-testid="create-token">
          <label>${t('tokens.virtualAccount')}<select name="va" required>
            ${this.accounts.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</select></label>
          <label>${t('tokens.description')}<input name="description" maxlength="200"></label>
          <label>${t('tokens.expiresInDays')}<input name="expiresInDays" type="number" min="1" max="365" value="30" required></label>
          <label>${t('tokens.maxUses')}<input name="maxUses" type="number" min="1" value="10" required></label>
          <label class="inline"><input name="exportControlled" type="checkbox">${t('tokens.exportControlled')}</label>
          <button type="submit">${t('tokens.createButton')}</button>
        </form>
        <ls-problem .error=${this.createError}></ls-problem>
        ${this.created ? html`<div role="status" data-testid="created-token">
          <p><strong>${t('tokens.shownOnce')}</strong></p>
          <ls-copy .value=${this.created.token} label=${t('tokens.token')}></ls-copy></div>` : nothing}
      </section>` : nothing}
      <h2>${t('tokens.list')}</h2>
      <form class="filters" @submit=${this.filter} role="search">
        <label>${t('tokens.virtualAccount')}<select name="virtualAccountId">
          <option value="">${t('common.all')}</option>
          ${this.accounts.map((a) => html`<option value=${a.id} ?selected=${String(a.id) === f.virtualAccountId}>${a.name}</option>`)}</select></label>
        <label>${t('tokens.status')}<select name="status"><option value="">${t('common.all')}</option>
          ${TOKEN_STATUSES.map((s) => html`<option value=${s} ?selected=${s === f.status}>${label('tokenStatus', s)}</option>`)}</select></label>
        <button type="submit">${t('common.filter')}</button>
      </form>
      <ls-problem .error=${this.error}></ls-problem>
      <table data-testid="tokens">
        <thead><tr><th>${t('tokens.hint')}</th><th>${t('tokens.description')}</th>
          <th>${t('tokens.virtualAccount')}</th><th>${t('tokens.status')}</th>
          ${sortHeader(t('tokens.usesLeft'), 'usesLeft', f.sort, setSort, true)}${sortHeader(t('tokens.expires'), 'expiresAt', f.sort, setSort)}
          ${sortHeader(t('tokens.created'), 'createdAt', f.sort, setSort)}<th>${t('tokens.exportControlled')}</th><th></th></tr></thead>
        <tbody>${this.tokens?.items.map((tok) => html`<tr data-testid="token-row" data-hint=${tok.hint}>
          <td><code>${tok.hint}…</code></td><td>${tok.description ?? ''}</td><td>${this.vaName(tok.virtualAccountId)}</td>
          <td><span class="state" data-testid="token-status">${label('tokenStatus', tok.status)}</span></td>
          <td class="num" data-testid="uses-left">${t('tokens.usesOf', { left: number(tok.usesLeft), max: number(tok.maxUses) })}</td>
          <td>${deadline(tok.expiresAt)}</td><td>${dateTime(tok.createdAt)}<div class="muted">${tok.createdBy}</div></td>
          <td>${tok.exportControlled ? t('common.yes') : t('common.no')}</td>
          <td>${can('TOKENS_WRITE') && tok.status === 'ACTIVE'
            ? html`<button class="danger" @click=${() => this.revoke(tok)} aria-label=${t('tokens.revokeNamed', { hint: tok.hint })}>${t('tokens.revoke')}</button>` : nothing}</td>
        </tr>`)}</tbody>
      </table>
      ${this.tokens && this.tokens.total === 0 ? html`<p class="muted">${t('common.empty')}</p>` : nothing}
      ${pager(this.tokens, (p) => this.go({ page: p }))}
      <ls-confirm></ls-confirm>`;
  }
}
