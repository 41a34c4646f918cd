import type { PublicAiConfig } from '../ai/config';
import { z } from '../platform/zod';
import { message } from './protocol';

// AI Assistant settings (options page, FlowPilot tab). The key goes in, never comes back out.

const Url = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v),
    'The endpoint must start with https:// (or http://localhost / http://127.0.0.1 for a server on this computer)',
  );

export const AiConfigInput = z.object({
  enabled: z.boolean(),
  baseUrl: Url,
  model: z.string().trim().max(200),
  redactPii: z.boolean(),
  apiKey: z.string().trim().max(500).optional(),
  clearKey: z.boolean().optional(),
});

export const optionsToBgAi = {
  'ai/config/get': message(z.object({}), z.custom<PublicAiConfig>()),
  'ai/config/save': message(AiConfigInput, z.custom<PublicAiConfig>()),
  /** Runs a tiny completion with the form's values (unsaved fields override saved ones). */
  'ai/test': message(
    z.object({
      baseUrl: Url.optional(),
      model: z.string().trim().max(200).optional(),
      apiKey: z.string().trim().max(500).optional(),
    }),
    z.object({ model: z.string(), sample: z.string() }),
  ),
};
