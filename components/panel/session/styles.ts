// Session styles, injected into the panel frame's document (panel.html: CW's CSS can't reach in).
// Colours come from the panel's variables (lib/panel/styles.ts), so dialogs and inputs follow dark mode
// too; every text colour meets WCAG AA (4.5:1) against its background in both schemes.
export const SESSION_CSS = `
.fp-s { display: flex; flex-direction: column; gap: 8px; font-size: 13px; }
.fp-s label { font-weight: 600; display: block; margin-top: 6px; }
.fp-s textarea, .fp-s input[type="text"], .fp-s input[type="password"], .fp-s select { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
.fp-s button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 4px; background: var(--chip); color: var(--fg); cursor: pointer; }
.fp-s button:disabled { opacity: .55; cursor: default; }
.fp-s button:focus-visible, .fp-s input:focus-visible, .fp-s textarea:focus-visible, .fp-s select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.fp-s .fp-s-primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.fp-s .fp-s-danger { color: var(--err-fg); border-color: var(--err-fg); }
.fp-s-actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 8px; }
.fp-s-head { display: flex; align-items: center; gap: 8px; }
.fp-s-timer { font-variant-numeric: tabular-nums; font-size: 18px; font-weight: 600; }
.fp-s-state { color: var(--muted); }
.fp-s-note { background: var(--warn-bg); color: var(--warn-fg); border: 1px solid var(--line); padding: 4px 8px; border-radius: 4px; margin: 0; }
.fp-s-muted { color: var(--muted); }
.fp-s-error { color: var(--err-fg); margin: 0; }
.fp-s-lane { border-top: 1px solid var(--line); padding-top: 6px; }
.fp-s-lane h3 { font-size: 13px; margin: 2px 0 4px; }
.fp-s-count { color: var(--muted); font-weight: normal; }
.fp-s-lane ul { list-style: none; margin: 0 0 4px; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.fp-s-item { border: 1px solid var(--line); border-radius: 4px; padding: 4px; }
.fp-s-item--done .fp-s-text { text-decoration: line-through; color: var(--muted); }
.fp-s-row { display: flex; gap: 4px; align-items: center; }
.fp-s-text { flex: 1; word-break: break-word; }
.fp-s-tag { color: var(--accent); font-size: 11px; }
.fp-s-tools { display: flex; gap: 2px; }
.fp-s-tools button { padding: 1px 5px; }
.fp-s-sub { margin-top: 3px; }
.fp-s-dialog { border: 1px solid var(--line); border-radius: 8px; width: min(460px, 90vw); background: var(--bg); color: var(--fg); }
.fp-s-dialog::backdrop { background: rgb(0 0 0 / .4); }
.fp-s-dialog h2 { font-size: 15px; margin: 0 0 6px; }
.fp-s-dialog textarea, .fp-s-dialog input[type="text"] { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
.fp-s-dialog button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 4px; background: var(--chip); color: var(--fg); cursor: pointer; }
.fp-s-dialog .fp-s-primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.fp-s-doc { white-space: pre-wrap; background: var(--chip); border: 1px solid var(--line); padding: 8px; border-radius: 4px; font: 12px/1.4 ui-monospace, monospace; max-height: 320px; overflow: auto; }
.fp-s-closed p { margin: 0 0 6px; }
.fp-s-outcome:focus { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.fp-s-next { background: var(--warn-bg); color: var(--warn-fg); padding: 6px 8px; border-radius: 4px; }
.fp-s-next--ok { background: var(--chip); color: var(--fg); }
.fp-s-toast { display: flex; gap: 8px; align-items: center; background: var(--fg); color: var(--bg); padding: 6px 10px; border-radius: 6px; }
.fp-s-toast span { flex: 1; }
.fp-s-toast button { background: var(--bg); color: var(--fg); }
.fp-s-chat { border-top: 1px solid var(--line); padding-top: 6px; }
.fp-s-chat h3 { font-size: 13px; margin: 2px 0 4px; }
.fp-s-msgs { display: flex; flex-direction: column; gap: 4px; max-height: 280px; overflow: auto; }
.fp-s-msg { padding: 4px 6px; border-radius: 4px; white-space: pre-wrap; }
.fp-s-msg--user { background: var(--chip); align-self: flex-end; }
.fp-s-msg--assistant { background: var(--chip); }
.fp-s-share { color: var(--muted); font-size: 11px; margin: 2px 0; }
.fp-s-sugg { display: flex; gap: 4px; align-items: center; background: var(--chip); border: 1px dashed var(--line); border-radius: 4px; padding: 3px 6px; }
.fp-s-sugg span { flex: 1; }
`;
