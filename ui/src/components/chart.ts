import { html, css, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import {
  Chart, BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend,
  Tooltip, type ChartConfiguration,
} from 'chart.js';
import { LsElement } from './element';

// Only what the console draws, so the bundle stays small.
Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A Chart.js chart with a text alternative (the same figures are always in a table next to it). */
@customElement('ls-chart')
export class ChartView extends LsElement {
  static styles = css`:host { display: block; } div { position: relative; height: 260px; }`;

  @property({ attribute: false }) config: ChartConfiguration | null = null;
  @property() label = '';
  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart: Chart | null = null;

  protected updated(changed: PropertyValues): void {
    if (changed.has('config') && this.config) {
      this.chart?.destroy();
      this.chart = new Chart(this.canvas, {
        ...this.config,
        options: { responsive: true, maintainAspectRatio: false, animation: false, ...(this.config.options ?? {}) },
      } as ChartConfiguration);
    }
  }

  disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = null;
    super.disconnectedCallback();
  }

  render() {
    return html`<div><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }
}
