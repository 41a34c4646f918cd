// Idempotency references. CW POSTs are not idempotent, so every outbox item writes a short tag
// ("FlowPilot ref k3x9q2a") into the record it creates (note text / time-entry notes). After an
// unknown outcome the worker searches the ticket for the tag before sending again.

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o/1/l: readable when a tech quotes it
export const REF_LENGTH = 7;
export const REF_PREFIX = 'FlowPilot ref';

function cryptoRandom(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

/** A fresh reference; `random` is injectable so tests are deterministic. */
export function newRef(random: () => number = cryptoRandom): string {
  let s = '';
  for (let i = 0; i < REF_LENGTH; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

export function isRef(ref: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${REF_LENGTH}}$`).test(ref);
}

/** The tag as it appears in CW, and the text a `contains` condition searches for. */
export function refTag(ref: string): string {
  return `${REF_PREFIX} ${ref}`;
}

/**
 * Appends the tag on its own line. CW may fold newlines into spaces; the tag stays matchable either
 * way. Text that already carries this tag (an edited retry) is not tagged twice.
 */
export function withRef(text: string, ref: string): string {
  if (hasRef(text, ref)) return text;
  const body = text.trimEnd();
  return body ? `${body}\n\n${refTag(ref)}` : refTag(ref);
}

/** The text without any FlowPilot tag (for showing a note for editing). */
export function stripRefs(text: string): string {
  return text.replace(new RegExp(`\\s*${REF_PREFIX} [a-z0-9]+\\s*$`, 'i'), '').trimEnd();
}

/** True when `text` carries exactly this reference (word-bounded: `abc1234` is not `abc123`). */
export function hasRef(text: string | undefined | null, ref: string): boolean {
  if (!text || !isRef(ref)) return false;
  return new RegExp(`(^|\\W)${REF_PREFIX}\\s+${ref}(?![a-z0-9])`, 'i').test(text);
}

/** All references in a text, in order. */
export function refsIn(text: string | undefined | null): string[] {
  if (!text) return [];
  const re = new RegExp(`${REF_PREFIX}\\s+([a-z0-9]+)`, 'gi');
  return [...text.matchAll(re)].map((m) => m[1]!.toLowerCase()).filter(isRef);
}

/** The first record whose text field carries the reference. */
export function findByRef<T>(
  records: readonly T[],
  ref: string,
  text: (r: T) => string | undefined,
): T | undefined {
  return records.find((r) => hasRef(text(r), ref));
}
