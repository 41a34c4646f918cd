import { browser } from 'wxt/browser';

// The policy an administrator set for FlowPilot. Chrome and Edge fill `storage.managed` from their
// policy (3rdparty/extensions/<id>, checked against managed_schema.json) and fire storage.onChanged
// with area "managed" when it changes. Firefox fills it from policies.json (3rdparty.Extensions.<id>)
// once, at browser start, and throws "Managed storage manifest not found" when there is none.

// In the worker, read once and kept until the browser says it changed (keepManagedStorage, called at
// worker start): the settings in force are read by nearly every message (Post to Ticket among them,
// issue 12 §3), and each read is a trip to the browser process.
let keeping = false;
let kept: Promise<Record<string, unknown>> | undefined;

export function keepManagedStorage(): void {
  if (keeping) return;
  keeping = true;
  onManagedStorageChanged(() => {
    kept = undefined;
  });
}

export async function readManagedStorage(): Promise<Record<string, unknown>> {
  if (!keeping) return readNow();
  kept ??= readNow();
  return structuredClone(await kept);
}

async function readNow(): Promise<Record<string, unknown>> {
  try {
    const all = await browser.storage.managed.get();
    return all && typeof all === 'object' ? (all as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Calls `onChange` whenever the browser publishes a new policy for this extension. */
export function onManagedStorageChanged(onChange: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') onChange();
  });
}
