import { html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LsElement } from './element';
import { shared } from '../styles';
import { t } from '../i18n';

/** A value to copy (a token shown once, a device URL): the text selectable, and a button that copies it. */
@customElement('ls-copy')
export class CopyValue extends LsElement {
  static styles = [shared, css`
    .row { display: flex; gap: 0.5rem; align-items: center; }
    output { font-family: ui-monospace, monospace; background: var(--head); padding: 0.3rem 0.5rem; word-break: break-all; white-space: pre-wrap; user-select: all; flex: 1; }
  `];

  @property() value = '';
  @property() label = '';
  @state() private copied: 'no' | 'yes' | 'failed' = 'no';

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.value);
      this.copied = 'yes';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.shadowRoot!.querySelector('output')!);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      this.copied = 'failed';
    }
  }

  render() {
    return html`<div class="row">
      <output aria-label=${this.label} data-testid="copy-value">${this.value}</output>
      <button class="secondary" @click=${this.copy}>${t('common.copy')}</button>
      <span role="status" class="muted">${this.copied === 'yes' ? t('common.copied') : this.copied === 'failed' ? t('common.copyManually') : ''}</span>
    </div>`;
  }
}
