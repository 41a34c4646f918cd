import { db } from '../db/schema';
import { isEndpointAllowed } from '../policy/parse';
import { readPolicy } from '../policy/read';
import { getSettings, saveSettings } from '../settings/store';
import { type AiEndpoint, AiError } from './provider';

// AI assistant settings: the public part lives in Settings.ai, the API key in the background-only
// secrets table (id 'ai:primary'), like the CW keys. Pages only ever see whether a key is set.

export const AI_SECRET_ID = 'ai:primary';

export interface PublicAiConfig {
  enabled: boolean;
  baseUrl: string;
  model: string;
  redactPii: boolean;
  hasKey: boolean;
  keyLast4?: string;
}

export interface AiConfigInput {
  enabled: boolean;
  baseUrl: string;
  model: string;
  redactPii: boolean;
  /** A new key; omitted keeps the saved one. */
  apiKey?: string;
  clearKey?: boolean;
}

/** The organization's allow-list (policy `aiAllowedEndpoints`): refuses any other endpoint by name. */
export async function assertEndpointAllowed(baseUrl: string): Promise<void> {
  const { policy } = await readPolicy();
  if (!baseUrl.trim() || isEndpointAllowed(baseUrl, policy.aiAllowedEndpoints)) return;
  const list = policy.aiAllowedEndpoints?.length ? policy.aiAllowedEndpoints.join(', ') : 'none';
  throw new AiError(
    'aiNotConfigured',
    `Your organization’s policy allows only these AI endpoints: ${list}. ${baseUrl.trim()} is not one of them.`,
  );
}

export async function getAiConfig(): Promise<PublicAiConfig> {
  const [{ ai }, secret] = await Promise.all([getSettings(), db().secrets.get(AI_SECRET_ID)]);
  const key = secret?.privateKey;
  return { ...ai, hasKey: !!key, ...(key ? { keyLast4: key.slice(-4) } : {}) };
}

export async function saveAiConfig(input: AiConfigInput): Promise<PublicAiConfig> {
  const baseUrl = input.baseUrl.trim();
  if (input.enabled && (!baseUrl || !input.model.trim())) {
    throw new AiError(
      'aiNotConfigured',
      'Enter the endpoint base URL and the model before turning the assistant on.',
    );
  }
  if (input.enabled) await assertEndpointAllowed(baseUrl);
  await saveSettings({
    ai: { enabled: input.enabled, baseUrl, model: input.model.trim(), redactPii: input.redactPii },
  });
  if (input.clearKey) await db().secrets.delete(AI_SECRET_ID);
  else if (input.apiKey?.trim())
    await db().secrets.put({ id: AI_SECRET_ID, privateKey: input.apiKey.trim() });
  return getAiConfig();
}

/** The endpoint to call, with the saved key unless one is given (the options page's Test before Save). */
export async function resolveEndpoint(
  override?: Partial<AiEndpoint>,
): Promise<AiEndpoint & { redactPii: boolean }> {
  const [{ ai }, secret] = await Promise.all([getSettings(), db().secrets.get(AI_SECRET_ID)]);
  const apiKey = override?.apiKey?.trim() || secret?.privateKey;
  const baseUrl = override?.baseUrl?.trim() || ai.baseUrl;
  await assertEndpointAllowed(baseUrl);
  return {
    baseUrl,
    model: override?.model?.trim() || ai.model,
    ...(apiKey ? { apiKey } : {}),
    redactPii: ai.redactPii,
  };
}

/** For chatting: refuses when the assistant is off, so nothing leaves the browser by accident. */
export async function chatEndpoint(): Promise<AiEndpoint & { redactPii: boolean }> {
  const { ai } = await getSettings();
  if (!ai.enabled)
    throw new AiError('aiNotConfigured', 'The AI assistant is turned off in FlowPilot options.');
  return resolveEndpoint();
}
