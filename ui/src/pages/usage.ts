import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LsElement } from '../components/element';
import { shared } from '../styles';
import { t } from '../i18n';

/** Smart Licensing Using Policy usage: filled in once the usage API exists (docs/console.md). */
@customElement('ls-usage')
export class UsagePage extends LsElement {
  static styles = [shared];

  @property({ attribute: false }) params = new URLSearchParams();

  render() {
    return html`<h1>${t('nav.usage')}</h1><p class="muted">${t('usage.notYet')}</p>`;
  }
}
