import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t } from '../i18n';
import { login } from '../session';

/** Sign in with a user name and password; the server sets an HttpOnly session cookie. */
@customElement('ls-login')
export class LoginPage extends LsElement {
  static styles = [shared, css`form { display: grid; gap: 0.75rem; width: 22rem; } .card { padding: 1.5rem; }`];

  @state() private error: unknown = null;
  @state() private busy = false;

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = null;
    try {
      const view = await login(String(data.get('username')), String(data.get('password')));
      this.dispatchEvent(new CustomEvent('ls-signed-in', { detail: view, bubbles: true, composed: true }));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<div class="card">
      <h1>${t('login.title')}</h1>
      <form @submit=${this.submit}>
        <label>${t('login.username')}<input name="username" autocomplete="username" required autofocus></label>
        <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required></label>
        <ls-problem .error=${this.error}></ls-problem>
        <button type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
        <p class="muted">${t('login.firstTime')}</p>
      </form>
    </div>`;
  }
}
