import { html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t } from '../i18n';
import { changePassword } from '../session';

/** Change one's own password; forced on first login, when the initial secret has been used once. */
@customElement('ls-password')
export class PasswordPage extends LsElement {
  static styles = [shared, css`form { display: grid; gap: 0.75rem; width: 24rem; } .card { padding: 1.5rem; }`];

  @property({ type: Boolean }) forced = false;
  @state() private error: unknown = null;
  @state() private mismatch = false;
  @state() private done = false;

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const next = String(data.get('newPassword'));
    this.mismatch = next !== String(data.get('repeat'));
    this.error = null;
    if (this.mismatch) return;
    try {
      const view = await changePassword(String(data.get('currentPassword')), next);
      form.reset();
      this.done = true;
      this.dispatchEvent(new CustomEvent('ls-signed-in', { detail: view, bubbles: true, composed: true }));
      window.dispatchEvent(new Event('ls-session'));
    } catch (err) {
      this.error = err;
    }
  }

  render() {
    return html`<div class="card">
      <h1>${t('password.title')}</h1>
      ${this.forced ? html`<p>${t('password.forced')}</p>` : nothing}
      <form @submit=${this.submit}>
        <label>${t('password.current')}<input name="currentPassword" type="password" autocomplete="current-password" required autofocus></label>
        <label>${t('password.new')}<input name="newPassword" type="password" autocomplete="new-password" required></label>
        <label>${t('password.repeat')}<input name="repeat" type="password" autocomplete="new-password" required></label>
        ${this.mismatch ? html`<div role="alert" class="bad">${t('password.mismatch')}</div>` : nothing}
        <ls-problem .error=${this.error}></ls-problem>
        <button type="submit">${t('password.submit')}</button>
        ${this.done ? html`<p role="status">${t('password.changed')}</p>` : nothing}
      </form>
    </div>`;
  }
}
