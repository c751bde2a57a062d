import { LitElement } from 'lit';

/** Every console element re-renders when the language changes. */
export class LsElement extends LitElement {
  private readonly relabel = () => this.requestUpdate();

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('ls-language', this.relabel);
  }

  disconnectedCallback(): void {
    window.removeEventListener('ls-language', this.relabel);
    super.disconnectedCallback();
  }
}
