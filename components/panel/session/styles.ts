// Session styles, injected inside the panel's shadow root (CW's CSS can't reach in, ours can't leak out).
export const SESSION_CSS = `
.fp-s { display: flex; flex-direction: column; gap: 8px; font-size: 13px; }
.fp-s label { font-weight: 600; display: block; margin-top: 6px; }
.fp-s textarea, .fp-s input[type="text"], .fp-s input[type="password"], .fp-s select { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid #cbd2d9; border-radius: 4px; }
.fp-s button { font: inherit; padding: 3px 10px; border: 1px solid #cbd2d9; border-radius: 4px; background: #fff; cursor: pointer; }
.fp-s button:disabled { opacity: .55; cursor: default; }
.fp-s button:focus-visible, .fp-s input:focus-visible, .fp-s textarea:focus-visible, .fp-s select:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.fp-s .fp-s-primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.fp-s .fp-s-danger { color: #dc2626; border-color: #dc2626; }
.fp-s-actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 8px; }
.fp-s-head { display: flex; align-items: center; gap: 8px; }
.fp-s-timer { font-variant-numeric: tabular-nums; font-size: 18px; font-weight: 600; }
.fp-s-state { color: #52606d; }
.fp-s-note { background: #fff7ed; border: 1px solid #fdba74; padding: 4px 8px; border-radius: 4px; margin: 0; }
.fp-s-muted { color: #52606d; }
.fp-s-error { color: #b91c1c; margin: 0; }
.fp-s-lane { border-top: 1px solid #e4e7eb; padding-top: 6px; }
.fp-s-lane h3 { font-size: 13px; margin: 2px 0 4px; }
.fp-s-count { color: #7b8794; font-weight: normal; }
.fp-s-lane ul { list-style: none; margin: 0 0 4px; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.fp-s-item { border: 1px solid #e4e7eb; border-radius: 4px; padding: 4px; }
.fp-s-item--done .fp-s-text { text-decoration: line-through; color: #7b8794; }
.fp-s-row { display: flex; gap: 4px; align-items: center; }
.fp-s-text { flex: 1; word-break: break-word; }
.fp-s-tag { color: #7c3aed; font-size: 11px; }
.fp-s-tools { display: flex; gap: 2px; }
.fp-s-tools button { padding: 1px 5px; }
.fp-s-sub { margin-top: 3px; }
.fp-s-dialog { border: 1px solid #cbd2d9; border-radius: 8px; width: min(460px, 90vw); }
.fp-s-dialog h2 { font-size: 15px; margin: 0 0 6px; }
.fp-s-doc { white-space: pre-wrap; background: #f5f7fa; border: 1px solid #e4e7eb; padding: 8px; border-radius: 4px; font: 12px/1.4 ui-monospace, monospace; max-height: 320px; overflow: auto; }
.fp-s-chat { border-top: 1px solid #e4e7eb; padding-top: 6px; }
.fp-s-chat h3 { font-size: 13px; margin: 2px 0 4px; }
.fp-s-msgs { display: flex; flex-direction: column; gap: 4px; max-height: 280px; overflow: auto; }
.fp-s-msg { padding: 4px 6px; border-radius: 4px; white-space: pre-wrap; }
.fp-s-msg--user { background: #eff6ff; align-self: flex-end; }
.fp-s-msg--assistant { background: #f5f7fa; }
.fp-s-share { color: #52606d; font-size: 11px; margin: 2px 0; }
.fp-s-sugg { display: flex; gap: 4px; align-items: center; background: #faf5ff; border: 1px dashed #c4b5fd; border-radius: 4px; padding: 3px 6px; }
.fp-s-sugg span { flex: 1; }
`;
