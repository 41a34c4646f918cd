// Post dialog styles, injected inside the panel's shadow root.
export const POST_CSS = `
.fp-p-dialog { border: 1px solid #cbd2d9; border-radius: 8px; width: min(520px, 92vw); font-size: 13px; }
.fp-p-dialog h2 { font-size: 15px; margin: 0 0 8px; }
.fp-p-dialog label { font-weight: 600; display: block; margin-top: 8px; }
.fp-p-dialog textarea, .fp-p-dialog select, .fp-p-dialog input[type="number"] { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid #cbd2d9; border-radius: 4px; }
.fp-p-dialog textarea { min-height: 140px; resize: vertical; }
.fp-p-dialog fieldset { border: 1px solid #e4e7eb; border-radius: 6px; margin-top: 10px; padding: 6px 8px; }
.fp-p-dialog legend { font-weight: 600; }
.fp-p-dialog label.fp-p-inline { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.fp-p-dialog label.fp-p-inline input { width: auto; }
.fp-p-times { display: flex; gap: 16px; margin: 4px 0; font-variant-numeric: tabular-nums; }
.fp-p-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10px; }
.fp-p-actions { display: flex; gap: 6px; margin-top: 10px; }
.fp-p-actions button, .fp-p-btn { font: inherit; padding: 3px 10px; border: 1px solid #cbd2d9; border-radius: 4px; background: #fff; cursor: pointer; }
.fp-p-primary { background: #1d4ed8 !important; border-color: #1d4ed8 !important; color: #fff; }
.fp-p-error { color: #b91c1c; white-space: pre-wrap; }
.fp-p-muted { color: #52606d; }
.fp-p-posts { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-direction: column; gap: 4px; }
.fp-p-posts li { border: 1px solid #e4e7eb; border-radius: 4px; padding: 4px 6px; }
.fp-p-state { font-weight: 600; }
.fp-p-state--failed { color: #b91c1c; }
.fp-p-state--sent { color: #047857; }
.fp-p-toast { position: fixed; right: 16px; bottom: 16px; background: #1f2933; color: #fff; padding: 8px 12px; border-radius: 6px; display: flex; gap: 8px; align-items: center; z-index: 2147483647; max-width: 360px; }
.fp-p-toast a, .fp-p-toast button { color: #93c5fd; background: none; border: 0; font: inherit; cursor: pointer; text-decoration: underline; }
.fp-p-badge { font-size: 11px; color: #92400e; }
`;
