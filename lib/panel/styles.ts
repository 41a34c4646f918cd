// The panel's CSS, in the panel frame's own document (panel.html): CW's styles cannot reach in and these
// cannot leak out. Colours follow the system's light/dark setting. The panel fills the frame; the dock
// in CW's page (lib/panel/dock.ts) sizes the frame, including the collapsed tab at mid-height on the
// right edge, clear of CW's toolbars and Save buttons.
export const PANEL_CSS = `
html,body{margin:0;height:100%;background:transparent;overflow:hidden}
.fp{--bg:#ffffff;--fg:#1d2330;--muted:#5b6474;--line:#dde2ea;--accent:#1f6feb;--accent-fg:#fff;--chip:#eef2f8;--warn-bg:#fff4e5;--warn-fg:#7a4b00;--err-bg:#fdecec;--err-fg:#9b1c1c;font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg)}
@media (prefers-color-scheme:dark){.fp{--bg:#161b22;--fg:#e6edf3;--muted:#9aa4b2;--line:#30363d;--accent:#4c8dff;--accent-fg:#0d1117;--chip:#21262d;--warn-bg:#3a2a0a;--warn-fg:#f5c56b;--err-bg:#3c1618;--err-fg:#ffb4b4}
}
.fp *{box-sizing:border-box}
.fp-panel{position:fixed;inset:0;display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border-left:1px solid var(--line)}
.fp-header{padding:8px 10px;border-bottom:1px solid var(--line);display:flex;flex-direction:column;gap:6px}
.fp-top{display:flex;align-items:center;gap:8px}
.fp-brand{font-weight:700}
.fp-top .fp-spacer{flex:1}
.fp-ticket{margin:0;font-size:14px;font-weight:600;overflow-wrap:anywhere}
.fp-ticket .fp-num{color:var(--accent);margin-right:6px}
.fp-sub{color:var(--muted);font-size:12px}
.fp-actions{display:flex;flex-wrap:wrap;gap:6px}
.fp button{font:inherit;cursor:pointer;border-radius:5px;border:1px solid var(--line);background:var(--chip);color:var(--fg);padding:3px 9px}
.fp button:hover{border-color:var(--accent)}
.fp button:focus-visible,.fp input:focus-visible,.fp summary:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
.fp button.fp-primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
.fp button.fp-icon{padding:2px 7px}
.fp button.fp-link{border:0;background:none;color:var(--accent);padding:0 2px}
.fp-body{flex:1;overflow:auto;padding:10px;display:flex;flex-direction:column;gap:12px}
.fp-section h3{margin:0 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.fp-dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0}
.fp-dl dt{color:var(--muted)}
.fp-dl dd{margin:0;overflow-wrap:anywhere}
.fp-chip{display:inline-block;background:var(--chip);border-radius:9px;padding:0 7px;font-size:11px;margin-right:4px}
.fp-chip.internal{background:var(--warn-bg);color:var(--warn-fg)}
.fp-chip.closed{background:var(--err-bg);color:var(--err-fg)}
.fp-note{border-top:1px solid var(--line);padding:6px 0}
.fp-note-meta{color:var(--muted);font-size:12px}
.fp-note-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:2px 0 0}
.fp-config{border-top:1px solid var(--line);padding:4px 0}
.fp-config summary{cursor:pointer}
.fp-search{display:flex;flex-direction:column;gap:6px}
.fp-search input{font:inherit;width:100%;padding:5px 8px;border-radius:5px;border:1px solid var(--line);background:var(--bg);color:var(--fg)}
.fp-results{list-style:none;margin:0;padding:0;max-height:45vh;overflow:auto}
.fp-results li{margin:0 0 4px}
.fp-results button{width:100%;text-align:left;display:block}
.fp-results .fp-meta{display:block;color:var(--muted);font-size:12px}
.fp-msg{color:var(--muted);margin:0}
.fp-alert{background:var(--err-bg);color:var(--err-fg);padding:6px 8px;border-radius:5px;margin:0}
.fp-warn{background:var(--warn-bg);color:var(--warn-fg);padding:6px 8px;border-radius:5px;margin:0}
.fp-warn-text{margin:0 0 4px}
.fp-elsewhere{margin:0;padding:6px 8px;border-radius:5px;background:var(--warn-bg);color:var(--warn-fg);font-weight:600}
.fp-elsewhere .fp-link{color:inherit;text-decoration:underline;font-weight:600}
.fp-ctx-summary>summary{cursor:pointer;padding:4px 0;border-bottom:1px solid var(--line)}
.fp-ctx-label{font-weight:600}
.fp-ctx-summary[open]>summary{margin-bottom:8px}
.fp-slot:empty{display:none}
.fp-collapsed{position:fixed;inset:0}
.fp-collapsed button{width:100%;height:100%;writing-mode:vertical-rl;padding:10px 4px;border-radius:6px 0 0 6px;border-right:0;background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600}
`;
