import { z } from '../platform/zod';
import { message } from './protocol';

// Messages about the administrator's policy (lib/policy): what it manages, Retry, the template.

export const PolicyViewSchema = z.object({
  managed: z.boolean(),
  problems: z.array(z.object({ key: z.string(), message: z.string() })),
  connectionKeys: z.array(z.string()),
  connectionValues: z.object({
    site: z.string().optional(),
    companyId: z.string().optional(),
    publicKey: z.string().optional(),
    displayName: z.string().optional(),
  }),
  fullConnection: z.boolean(),
  roster: z.boolean(),
  settings: z.record(z.string(), z.object({ locked: z.boolean(), hasDefault: z.boolean() })),
  aiAllowedEndpoints: z.array(z.string()).optional(),
  technicianNeeded: z.boolean(),
  profileEmail: z.enum(['unsupported', 'notGranted', 'granted']),
});
export type PolicyViewData = z.infer<typeof PolicyViewSchema>;

export const optionsToBgPolicy = {
  'policy/get': message(z.object({}), PolicyViewSchema),
  /** Applies the policy again now (a failing policy connection is retried at once). */
  'policy/retry': message(z.object({}), PolicyViewSchema),
  'policy/template': message(
    z.object({ includeKeys: z.boolean() }),
    z.object({ fileName: z.string(), text: z.string() }),
  ),
  /** After the profile-email permission was granted: pick the technician by that email. */
  'policy/useProfileEmail': message(
    z.object({}),
    z.object({ email: z.string().optional(), technicianId: z.string().optional() }),
  ),
};
