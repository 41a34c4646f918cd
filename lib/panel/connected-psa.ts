// Which PSA FlowPilot is connected to, mirrored into storage.local for the content scripts (nothing
// secret: 'autotask', 'connectwise' or 'none'). CW's content script is in the manifest and runs on every
// CW page; connected to Autotask it removes its dock again, so CW pages show no panel (issue 15). The
// background keeps it current (lib/background/autotask-pages.ts syncAutotaskPages).
export const CONNECTED_PSA_KEY = 'flowpilot.connection.psa';
