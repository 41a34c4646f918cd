import type { NoteKind } from '@/lib/posting/plan';
import type { PsaKind } from '@/lib/psa/types';
import { wordsFor } from '@/lib/psa/words';
import type { Settings } from '@/lib/settings/schema';

// What the Update dialog says beside Note Type and in the empty Preview box. Pure, for the dialog.

export interface NoteTypeHint {
  text: string;
  /** The admin keeps notes internal but the chosen type is customer-visible: said, never blocked. */
  warning?: string;
}

/**
 * Who sees the note. ConnectWise: the note type decides (Resolution and Description notes are
 * customer-visible, lib/posting/plan.ts noteFlags); Autotask: the publish value follows the Note
 * Visibility setting, whatever the type (lib/autotask/psa.ts).
 */
export function noteTypeHint(
  kind: NoteKind,
  visibility: Settings['noteVisibility'],
  psa: PsaKind | undefined,
): NoteTypeHint {
  const words = wordsFor(psa);
  if (visibility === 'internalExternal')
    return {
      text: `Preview is posted as an internal note; this type is used for the Customer note, which the customer sees in ${words.psa}.`,
    };
  if (psa === 'autotask')
    return {
      text: `Only your team sees it: ${words.psa} notes follow your FlowPilot Note Visibility setting, not the note type.`,
    };
  if (kind === 'internalAnalysis') return { text: 'Only your team sees it.' };
  return {
    text: `Visible to the customer in ${words.psa}.`,
    warning: 'Your FlowPilot settings keep notes internal; this note type is visible to the customer.',
  };
}

/** The Preview box's placeholder: what it is for when it starts empty. */
export function previewPlaceholder(o: {
  session: 'none' | 'open' | 'closed';
  alreadyPosted: boolean;
}): string {
  if (o.alreadyPosted) return 'Write what is new since the last post.';
  if (o.session === 'open')
    return 'The session is still open: resolve or escalate it to fill this in, or write an update here.';
  if (o.session === 'none') return 'Write the note to post on the ticket.';
  return 'The session’s documentation goes here; left empty, no note is posted.';
}
