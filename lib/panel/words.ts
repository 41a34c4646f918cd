import { computed, signal } from '@preact/signals';
import type { PsaKind } from '../psa/types';
import { wordsFor } from '../psa/words';

// The connected PSA's words for the panel frame (lib/psa/words.ts): set from `panel/status`, read by
// any component (the header, the context, the session, the Post dialog) without passing it down.

/** The PSA the panel's status named; undefined (ConnectWise's words) until the first status. */
export const panelPsa = signal<PsaKind | undefined>(undefined);
export const panelWords = computed(() => wordsFor(panelPsa.value));
