import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LsElement } from './components/element';
import { shared } from './styles';
import { t, currentLanguage, setLanguage, LANGUAGES, type Language, type MessageKey } from './i18n';
import { currentRoute, navigate, onRouteChange, type Route } from './router';
import { onUnauthorised } from './api';
import { can, logout, resume, session, type Permission, type SessionView } from './session';
import './components/problem';
import './pages/login';
import './pages/password';
import './pages/dashboard';
import './pages/accounts';
import './pages/tokens';
import './pages/instances';
import './pages/instance-detail';
import './pages/usage';
import './pages/sync';
import './pages/alerts';
import './pages/events';
import './pages/audit';
import './pages/settings';
import './pages/users';
import './pages/api-clients';

interface MenuItem { path: string; label: MessageKey; needs: Permission }

const MENU: MenuItem[] = [
  { path: '/', label: 'nav.dashboard', needs: 'READ' },
  { path: '/accounts', label: 'nav.accounts', needs: 'READ' },
  { path: '/tokens', label: 'nav.tokens', needs: 'READ' },
  { path: '/instances', label: 'nav.instances', needs: 'READ' },
  { path: '/usage', label: 'nav.usage', needs: 'READ' },
  { path: '/sync', label: 'nav.sync', needs: 'READ' },
  { path: '/alerts', label: 'nav.alerts', needs: 'READ' },
  { path: '/events', label: 'nav.events', needs: 'READ' },
  { path: '/audit', label: 'nav.audit', needs: 'AUDIT_READ' },
  { path: '/settings', label: 'nav.settings', needs: 'READ' },
  { path: '/users', label: 'nav.users', needs: 'USERS_WRITE' },
  { path: '/api-clients', label: 'nav.apiClients', needs: 'USERS_WRITE' },
];

/** The console shell: session, menu, language, and the page the hash names. */
@customElement('ls-app')
export class App extends LsElement {
  static styles = [shared, css`
    :host { display: grid; grid-template-columns: 13rem 1fr; grid-template-rows: auto 1fr; min-height: 100vh; }
    header { grid-column: 1 / 3; display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem;
      background: #0d2b4a; color: #fff; }
    header .brand { font-weight: 700; margin-right: auto; }
    header select, header button { font-size: 0.85rem; }
    header label { flex-direction: row; align-items: center; gap: 0.4rem; }
    nav.menu { background: #eef2f6; border-right: 1px solid var(--line); padding: 0.5rem 0; }
    nav.menu ul { list-style: none; margin: 0; padding: 0; }
    nav.menu a { display: block; padding: 0.45rem 1rem; text-decoration: none; color: var(--fg); }
    nav.menu a[aria-current="page"] { background: #d4e3f3; font-weight: 600; border-left: 4px solid var(--accent); }
    main { padding: 1rem 1.5rem; overflow-x: auto; min-width: 0; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; color: var(--fg); padding: 0.5rem; z-index: 10; }
    .solo { grid-column: 1 / 3; display: flex; justify-content: center; padding-top: 3rem; }
  `];

  @state() private route: Route = currentRoute();
  @state() private user: SessionView | null = null;
  @state() private ready = false;
  @state() private loadError: unknown = null;

  connectedCallback(): void {
    super.connectedCallback();
    onRouteChange(() => { this.route = currentRoute(); });
    onUnauthorised(() => { this.user = null; });
    window.addEventListener('ls-session', () => { this.user = session(); });
    resume().then((s) => { this.user = s; this.ready = true; }, (e) => { this.loadError = e; this.ready = true; });
  }

  private async signOut() {
    await logout();
    this.user = null;
    navigate('/', undefined, true);
  }

  private language(e: Event) {
    setLanguage((e.target as HTMLSelectElement).value as Language);
  }

  private header() {
    return html`<header>
      <a class="skip" href="#main-content" @click=${(e: Event) => { e.preventDefault(); (this.shadowRoot!.querySelector('main') as HTMLElement)?.focus(); }}>${t('nav.skip')}</a>
      <span class="brand">${t('app.title')}</span>
      <label>${t('app.language')}
        <select data-testid="language" @change=${this.language}>
          ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === currentLanguage()}>${t(`language.${l}` as MessageKey)}</option>`)}
        </select></label>
      ${this.user ? html`<span data-testid="signed-in-as">${t('app.signedInAs', { user: this.user.username, role: this.user.role })}</span>
        <button class="secondary" @click=${this.signOut}>${t('app.logout')}</button>` : nothing}
    </header>`;
  }

  private page() {
    const { path, params } = this.route;
    if (path.startsWith('/instances/')) return html`<ls-instance-detail .instanceId=${decodeURIComponent(path.substring(11))}></ls-instance-detail>`;
    switch (path) {
      case '/accounts': return html`<ls-accounts .params=${params}></ls-accounts>`;
      case '/tokens': return html`<ls-tokens .params=${params}></ls-tokens>`;
      case '/instances': return html`<ls-instances .params=${params}></ls-instances>`;
      case '/usage': return html`<ls-usage .params=${params}></ls-usage>`;
      case '/sync': return html`<ls-sync .params=${params}></ls-sync>`;
      case '/alerts': return html`<ls-alerts .params=${params}></ls-alerts>`;
      case '/events': return html`<ls-events .params=${params}></ls-events>`;
      case '/audit': return html`<ls-audit .params=${params}></ls-audit>`;
      case '/settings': return html`<ls-settings></ls-settings>`;
      case '/users': return html`<ls-users .params=${params}></ls-users>`;
      case '/api-clients': return html`<ls-api-clients .params=${params}></ls-api-clients>`;
      case '/':
      case '': return html`<ls-dashboard></ls-dashboard>`;
      default: return html`<h1>${t('app.notFound')}</h1>`;
    }
  }

  render() {
    if (!this.ready) return html`${this.header()}<main class="solo" aria-busy="true">${t('common.loading')}</main>`;
    if (this.loadError) return html`${this.header()}<main class="solo"><ls-problem .error=${this.loadError}></ls-problem></main>`;
    if (!this.user) {
      return html`${this.header()}<main class="solo" id="main-content" tabindex="-1">
        <ls-login @ls-signed-in=${(e: CustomEvent<SessionView>) => { this.user = e.detail; }}></ls-login></main>`;
    }
    if (this.user.mustChangePassword) {
      return html`${this.header()}<main class="solo" id="main-content" tabindex="-1">
        <ls-password forced @ls-signed-in=${(e: CustomEvent<SessionView>) => { this.user = e.detail; }}></ls-password></main>`;
    }
    const path = this.route.path;
    return html`${this.header()}
      <nav class="menu" aria-label=${t('nav.label')}><ul>
        ${MENU.filter((m) => can(m.needs)).map((m) => {
          const current = m.path === '/' ? path === '/' || path === '' : path === m.path || path.startsWith(`${m.path}/`);
          return html`<li><a href="#${m.path}" aria-current=${current ? 'page' : 'false'}>${t(m.label)}</a></li>`;
        })}
      </ul></nav>
      <main id="main-content" tabindex="-1">${this.page()}</main>`;
  }
}
