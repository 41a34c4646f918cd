// Autotask's note choices (issue 15 §2): which noteType each FlowPilot note kind is written as, and
// which publish value internal and customer-facing notes get. Ids come from the tenant's own picklists
// (labels are tenant-specific and localised, so nothing here names one) and are kept per connection
// scope: another tenant's ids are never used. A key/value record of its own, apart from the
// policy-listed FlowPilot settings.

import type { AutotaskNoteSettings } from '../autotask/psa';
import { db } from '../db/schema';
import { AppError } from '../errors';
import { z } from '../platform/zod';
import type { NoteOptions } from '../psa/types';

const KEY = 'autotask.noteChoices';
const Id = z.number().int().positive();

export const AutotaskNoteChoices = z.object({
  noteTypeByKind: z.object({ internalAnalysis: Id, resolution: Id, description: Id }),
  /** "Internal only" notes (and the technician's note under "Internal + external"). */
  internalPublish: Id,
  /** The customer-facing note under "Internal + external". */
  customerPublish: Id,
});
export type AutotaskNoteChoices = z.infer<typeof AutotaskNoteChoices>;

const Stored = z.object({ scope: z.string(), choices: AutotaskNoteChoices });

/** The choices saved for this connection; undefined when none (or they were another tenant's). */
export async function getAutotaskNoteChoices(
  scope: string | undefined,
): Promise<AutotaskNoteSettings | undefined> {
  if (!scope) return undefined;
  const parsed = Stored.safeParse((await db().settings.get(KEY))?.value);
  return parsed.success && parsed.data.scope === scope ? parsed.data.choices : undefined;
}

/** What is wrong with choices given the tenant's active picklist values, in words; undefined when fine. */
export function choicesProblem(c: AutotaskNoteChoices, options: NoteOptions): string | undefined {
  const types = new Set(options.types.map((o) => o.id));
  const publish = new Set(options.visibilities.map((o) => o.id));
  const kinds: [keyof AutotaskNoteChoices['noteTypeByKind'], string][] = [
    ['internalAnalysis', 'Internal Analysis'],
    ['resolution', 'Resolution'],
    ['description', 'Description'],
  ];
  for (const [k, label] of kinds) {
    if (!types.has(c.noteTypeByKind[k]))
      return `The note type chosen for ${label} notes is not an active Autotask note type any more. Choose another.`;
  }
  if (!publish.has(c.internalPublish))
    return 'The publish value chosen for internal notes is not active in Autotask any more. Choose another.';
  if (!publish.has(c.customerPublish))
    return 'The publish value chosen for customer-facing notes is not active in Autotask any more. Choose another.';
  return undefined;
}

export async function saveAutotaskNoteChoices(
  scope: string,
  choices: AutotaskNoteChoices,
  options: NoteOptions,
): Promise<AutotaskNoteChoices> {
  const problem = choicesProblem(choices, options);
  if (problem) throw new AppError('validation', problem);
  await db().settings.put({ key: KEY, value: { scope, choices } });
  return choices;
}
