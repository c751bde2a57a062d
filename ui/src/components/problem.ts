import { html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError } from '../api';
import { t } from '../i18n';
import { LsElement } from './element';

/** The server's own reason for a refusal, shown where the user acted: detail first, then each field at fault. */
@customElement('ls-problem')
export class ProblemView extends LsElement {
  static styles = css`
    :host { display: block; }
    div { border-left: 4px solid #b3261e; background: #fdecea; color: #5f1410; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
    ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
  `;

  @property({ attribute: false }) error: unknown = null;

  render() {
    if (!this.error) return nothing;
    const e = this.error;
    if (e instanceof ApiError) {
      const message = e.status === 0 ? t('error.network') : e.detail;
      return html`<div role="alert" data-testid="problem" data-problem=${e.code}>
        <strong>${message}</strong>
        ${e.retryAfter ? html`<span> ${t('error.retryAfter', { seconds: e.retryAfter })}</span>` : nothing}
        ${e.fieldErrors.length ? html`<ul>${e.fieldErrors.map((f) => html`<li><code>${f.field}</code>: ${f.message}</li>`)}</ul>` : nothing}
      </div>`;
    }
    return html`<div role="alert" data-testid="problem">${e instanceof Error ? e.message : String(e)}</div>`;
  }
}
