import type { TicketRef } from '../ticket/types';
import type { PsaKind } from './types';

// The words the panel, the Post dialog and the assistant's prompt use for PSA things, one table per
// PSA: a technician on Autotask knows a queue, configuration items, resources and T2026… numbers, not
// CW's board, configurations and members. Components look words up here (wordsFor), never branch on
// the PSA themselves. Pure; safe in the panel frame.

export interface PsaWords {
  /** The product as technicians name it in a sentence ("reopen it in Autotask"). */
  psa: string;
  /** The ticket's work queue (CW service board, Autotask queue). */
  board: string;
  /** Attached assets, as a section heading ("Configurations", "Configuration items"). */
  configurations: string;
  /** One attached asset, lower case ("configuration", "configuration item"). */
  configuration: string;
  /** A PSA user that work is attributed to, lower case ("member", "resource"). */
  person: string;
  /** The integration's own account, as it posts when no technician is mapped ("the API member"). */
  apiAccount: string;
  /** The same as a name in a list ("API member"). */
  apiAccountName: string;
  /** The Post dialog's choice that leaves the PSA to decide ("CW default"). */
  psaDefault: string;
  /** The time entry's work type, where the PSA has one to choose in the Post dialog (CW). */
  workType?: string;
  /** The role time is logged under (CW work role; Autotask the resource's role). */
  workRole: string;
  /** The note type that says what fixed a ticket, lower case ("Resolution note", "resolution"). */
  resolutionText: string;
  /** Refuses time on a closed ticket (for the closed-ticket warning). */
  closedTicketTime: string;
  /** Who can make a ticket the integration cannot see visible, and what they check. */
  hiddenTicketFix: string;
}

export const PSA_WORDS: Record<PsaKind, PsaWords> = {
  connectwise: {
    psa: 'ConnectWise',
    board: 'Board',
    configurations: 'Configurations',
    configuration: 'configuration',
    person: 'member',
    apiAccount: 'the API member',
    apiAccountName: 'API member',
    psaDefault: 'CW default',
    workType: 'Work type',
    workRole: 'Work role',
    resolutionText: 'Resolution note',
    closedTicketTime: 'ConnectWise usually refuses time entries on it',
    hiddenTicketFix: 'Ask your ConnectWise admin to check the API member’s security role and board access.',
  },
  autotask: {
    psa: 'Autotask',
    board: 'Queue',
    configurations: 'Configuration items',
    configuration: 'configuration item',
    person: 'resource',
    apiAccount: 'the API user',
    apiAccountName: 'API user',
    // Not Autotask's to decide: FlowPilot picks a role the resource holds (lib/autotask/roles.ts).
    psaDefault: 'Default role',
    workRole: 'Role',
    resolutionText: 'resolution',
    closedTicketTime: 'Autotask may refuse time entries on it',
    // Ticket access follows the API user's security level (cw-api.md's 403 "security role" is CW's).
    hiddenTicketFix:
      'Ask your Autotask admin to check the API user’s security level and its access to the queue.',
  },
};

/** The words for a PSA; ConnectWise when it is not known (every message without a `psa` is CW's). */
export function wordsFor(kind: PsaKind | undefined): PsaWords {
  return PSA_WORDS[kind ?? 'connectwise'];
}

/**
 * A ticket's number inside a sentence, after "ticket" or "to" ("Posted to ticket #1001", "Post to
 * Ticket T20261129.0004"): Autotask's ticket number when known, else `#id`. ConnectWise has no number
 * but its id (project tickets too: their posting messages have always said "ticket #5001").
 */
export function ticketNo(id: number, number?: string): string {
  const n = number?.trim();
  return n ? n : `#${id}`;
}

/**
 * How a technician names a ticket on its own (a heading, a search result): Autotask's ticket number
 * (T20261129.0004) when known, else `#id` (CW's ticket number is its id; project tickets say so).
 */
export function ticketLabel(ref: TicketRef, number?: string): string {
  return number?.trim()
    ? ticketNo(ref.id, number)
    : `${ref.kind === 'project' ? 'Project ticket ' : ''}#${ref.id}`;
}
