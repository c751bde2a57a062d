import { css } from 'lit';

/** Shared look of every page: adopted style sheets, which the strict CSP allows (no inline style). */
export const shared = css`
  :host { display: block; color: var(--fg); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  a { color: var(--link); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
  summary:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--focus); outline-offset: 2px;
  }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: var(--head); font-weight: 600; white-space: nowrap; }
  th button.sort { all: unset; cursor: pointer; }
  th button.sort:focus-visible { outline: 3px solid var(--focus); }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  button, .button {
    font: inherit; padding: 0.35rem 0.8rem; border: 1px solid var(--accent); border-radius: 4px;
    background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block;
  }
  button.secondary, .button.secondary { background: transparent; color: var(--accent); }
  button.danger { background: var(--danger); border-color: var(--danger); }
  button:disabled { opacity: 0.5; cursor: default; }
  form.filters, .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-bottom: 0.75rem; }
  label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; }
  label.inline { flex-direction: row; align-items: center; gap: 0.4rem; }
  input, select, textarea { font: inherit; padding: 0.3rem 0.4rem; border: 1px solid var(--line-strong); border-radius: 3px; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; background: var(--card); }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
  .muted { color: var(--muted); font-size: 0.85rem; }
  .pager { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.5rem; }
  .chart { position: relative; height: 260px; }
  .state { font-size: 0.8rem; padding: 0.05rem 0.4rem; border-radius: 3px; background: var(--head); white-space: nowrap; }
  .bad { color: var(--danger); font-weight: 600; }
  .good { color: var(--ok); }
  code, pre { font-family: ui-monospace, monospace; font-size: 0.85rem; }
  pre { background: var(--head); padding: 0.5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  progress { width: 100%; }
`;
