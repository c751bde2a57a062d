import { html, css } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LsElement } from './element';
import { shared } from '../styles';
import { t } from '../i18n';

/**
 * A confirmation for destructive actions on the native modal dialog: it traps focus, Escape closes it,
 * and focus returns to the button that opened it.
 */
@customElement('ls-confirm')
export class ConfirmDialog extends LsElement {
  static styles = [shared, css`
    dialog { border: 1px solid var(--line-strong); border-radius: 6px; padding: 1rem 1.25rem; max-width: 32rem; }
    dialog::backdrop { background: rgb(0 0 0 / 0.35); }
    .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
  `];

  @property() message = '';
  @property() confirmLabel = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  private resolver: ((ok: boolean) => void) | null = null;

  ask(message: string, confirmLabel: string): Promise<boolean> {
    this.message = message;
    this.confirmLabel = confirmLabel;
    return this.updateComplete.then(() => new Promise<boolean>((resolve) => {
      this.resolver = resolve;
      this.dialog.showModal();
      (this.shadowRoot!.querySelector('button.secondary') as HTMLButtonElement).focus();
    }));
  }

  private close(ok: boolean) {
    if (this.dialog.open) this.dialog.close();
    this.resolver?.(ok);
    this.resolver = null;
  }

  render() {
    return html`<dialog aria-labelledby="m" @close=${() => this.close(false)} @cancel=${() => this.close(false)}>
      <p id="m">${this.message}</p>
      <div class="actions">
        <button class="secondary" @click=${() => this.close(false)}>${t('common.cancel')}</button>
        <button class="danger" @click=${() => this.close(true)}>${this.confirmLabel}</button>
      </div>
    </dialog>`;
  }
}
