// "Post to ticket" under a resolved session opens the header's Update dialog: one listener (the
// UpdateControl of the linked ticket), no shared state beyond this.

type Listener = () => void;
const listeners = new Set<Listener>();

/** Asks the panel's Update control to open its dialog. */
export function requestUpdateDialog(): void {
  for (const l of listeners) l();
}

/** The Update control registers here; returns the unsubscribe function. */
export function onUpdateDialogRequest(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
