// Post dialog styles, injected into the panel frame's document (panel.html). Colours are the panel's
// variables, so the dialog follows dark mode like the rest of the panel.
export const POST_CSS = `
.fp-p-dialog { border: 1px solid var(--line); border-radius: 8px; width: min(520px, 92vw); font-size: 13px; background: var(--bg); color: var(--fg); }
.fp-p-dialog::backdrop { background: rgb(0 0 0 / .4); }
.fp-p-dialog h2 { font-size: 15px; margin: 0 0 8px; }
.fp-p-dialog label { font-weight: 600; display: block; margin-top: 8px; }
.fp-p-dialog textarea, .fp-p-dialog select, .fp-p-dialog input[type="number"] { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
.fp-p-dialog textarea { min-height: 140px; resize: vertical; }
.fp-p-dialog fieldset { border: 1px solid var(--line); border-radius: 6px; margin-top: 10px; padding: 6px 8px; }
.fp-p-dialog legend { font-weight: 600; }
.fp-p-dialog label.fp-p-inline { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.fp-p-dialog label.fp-p-inline input { width: auto; }
.fp-p-times { display: flex; gap: 16px; margin: 4px 0; font-variant-numeric: tabular-nums; }
.fp-p-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10px; }
.fp-p-actions { display: flex; gap: 6px; margin-top: 10px; }
.fp-p-actions button, .fp-p-btn, .fp-p-dialog button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 4px; background: var(--chip); color: var(--fg); cursor: pointer; }
.fp-p-dialog button.fp-p-primary, .fp-p-primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.fp-p-primary[aria-disabled="true"] { opacity: .55; cursor: default; }
.fp-p-dialog button.fp-p-link { border: 0; background: none; color: var(--accent); padding: 0; text-decoration: underline; }
.fp-p-error { color: var(--err-fg); white-space: pre-wrap; }
.fp-p-muted { color: var(--muted); }
#fp-p-type-hint { margin: 2px 0 0; }
.fp-p-warn { display: block; margin-top: 2px; color: var(--warn-fg); background: var(--warn-bg); border-radius: 4px; padding: 2px 6px; }
.fp-p-sent { background: var(--chip); border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; margin: 0 0 6px; }
.fp-p-confirm { background: var(--warn-bg); color: var(--warn-fg); border-radius: 4px; padding: 6px 8px; margin-top: 8px; }
.fp-p-confirm p { margin: 0; }
.fp-p-posts { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-direction: column; gap: 4px; }
.fp-p-posts li { border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; }
.fp-p-state { font-weight: 600; }
.fp-p-state--failed { color: var(--err-fg); }
.fp-p-toast { position: fixed; right: 16px; bottom: 16px; background: #1f2933; color: #fff; padding: 8px 12px; border-radius: 6px; display: flex; gap: 8px; align-items: center; z-index: 2147483647; max-width: 360px; }
.fp-p-toast a, .fp-p-toast button { color: #93c5fd; background: none; border: 0; font: inherit; cursor: pointer; text-decoration: underline; }
.fp-p-badge { font-size: 11px; color: var(--warn-fg); background: var(--warn-bg); padding: 0 4px; border-radius: 4px; }
`;
