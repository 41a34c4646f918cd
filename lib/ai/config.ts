import { db } from '../db/schema';
import { isEndpointAllowed } from '../policy/parse';
import { readPolicy } from '../policy/read';
import { getSettings, saveSettings } from '../settings/store';
import { aiOrigin, checkAiBaseUrl } from './endpoint';
import { type AiEndpoint, AiError } from './provider';

// AI assistant settings: the public part lives in Settings.ai, the API key in the background-only
// secrets table (id 'ai:primary'), like the CW keys. Pages only ever see whether a key is set.
// The key is stored with the origin of the endpoint it was entered for and is never sent anywhere
// else: not to an endpoint typed for Test, not after the endpoint setting changed (issue 10 §2).

export const AI_SECRET_ID = 'ai:primary';

export interface PublicAiConfig {
  enabled: boolean;
  baseUrl: string;
  model: string;
  redactPii: boolean;
  /** A key is saved for the saved endpoint's origin. */
  hasKey: boolean;
  keyLast4?: string;
  /** The origin the saved key belongs to (the only place it is ever sent). */
  keyOrigin?: string;
}

export interface AiConfigInput {
  enabled: boolean;
  baseUrl: string;
  model: string;
  redactPii: boolean;
  /** A new key; omitted keeps the saved one as long as the endpoint stays on the same origin. */
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

export interface ResolvedEndpoint extends AiEndpoint {
  redactPii: boolean;
  /** A key is saved, but for another origin, so it was not attached: the origin it was withheld from. */
  keyWithheldFrom?: string;
  keyOrigin?: string;
}

interface BoundKey {
  key: string;
  origin: string;
}

/**
 * The saved key and its origin. A key saved before keys carried an origin belongs to the endpoint
 * saved with it; that binding is written once, so a later change of the endpoint cannot move it.
 */
async function loadKey(savedBaseUrl: string): Promise<BoundKey | undefined> {
  const secret = await db().secrets.get(AI_SECRET_ID);
  if (!secret?.privateKey) return undefined;
  if (secret.origin) return { key: secret.privateKey, origin: secret.origin };
  const origin = aiOrigin(savedBaseUrl);
  if (!origin) return undefined; // no endpoint it could belong to: never sent
  await db().secrets.put({ ...secret, origin });
  return { key: secret.privateKey, origin };
}

export async function getAiConfig(): Promise<PublicAiConfig> {
  const { ai } = await getSettings();
  const bound = await loadKey(ai.baseUrl);
  const hasKey = !!bound && bound.origin === aiOrigin(ai.baseUrl);
  return {
    ...ai,
    hasKey,
    ...(bound ? { keyLast4: bound.key.slice(-4), keyOrigin: bound.origin } : {}),
  };
}

function checkedOrigin(baseUrl: string): string | undefined {
  if (!baseUrl) return undefined;
  const c = checkAiBaseUrl(baseUrl);
  if (!c.ok) throw new AiError('aiNotConfigured', c.message);
  return c.origin;
}

export async function saveAiConfig(
  input: AiConfigInput,
  opts: { skipLocked?: boolean } = {},
): Promise<PublicAiConfig> {
  const baseUrl = input.baseUrl.trim();
  const model = input.model.trim();
  if (input.enabled && (!baseUrl || !model)) {
    throw new AiError(
      'aiNotConfigured',
      'Enter the endpoint base URL and the model before turning the assistant on.',
    );
  }
  const origin = checkedOrigin(baseUrl);
  if (input.enabled) await assertEndpointAllowed(baseUrl);
  const newKey = input.apiKey?.trim();
  if (newKey && !origin && !input.clearKey) {
    throw new AiError('aiNotConfigured', 'Enter the endpoint base URL the API key belongs to.');
  }
  const saved = await loadKey((await getSettings()).ai.baseUrl);
  // Settings first (a policy lock refuses here and nothing changed). No transaction around both: the
  // key is only ever attached to its own origin, so the moment between the two writes is harmless.
  await saveSettings({ ai: { enabled: input.enabled, baseUrl, model, redactPii: input.redactPii } }, opts);
  if (input.clearKey) await db().secrets.delete(AI_SECRET_ID);
  else if (newKey && origin) await db().secrets.put({ id: AI_SECRET_ID, privateKey: newKey, origin });
  // The key belonged to the old endpoint: a new origin asks for its own key.
  else if (saved && saved.origin !== origin) await db().secrets.delete(AI_SECRET_ID);
  return getAiConfig();
}

/**
 * The endpoint to call: the saved one, or the options page's unsaved fields for Test. The saved key is
 * attached only when the endpoint is on the origin it was saved for; a key typed for Test is used as is.
 */
export async function resolveEndpoint(override?: Partial<AiEndpoint>): Promise<ResolvedEndpoint> {
  const { ai } = await getSettings();
  const baseUrl = override?.baseUrl?.trim() || ai.baseUrl;
  const origin = checkedOrigin(baseUrl);
  await assertEndpointAllowed(baseUrl);
  const typed = override?.apiKey?.trim();
  const saved = typed ? undefined : await loadKey(ai.baseUrl);
  const apiKey = typed || (saved && saved.origin === origin ? saved.key : undefined);
  return {
    baseUrl,
    model: override?.model?.trim() || ai.model,
    ...(apiKey ? { apiKey } : {}),
    redactPii: ai.redactPii,
    ...(saved && !apiKey && origin ? { keyWithheldFrom: origin, keyOrigin: saved.origin } : {}),
  };
}

/** For chatting: refuses when the assistant is off, so nothing leaves the browser by accident. */
export async function chatEndpoint(): Promise<ResolvedEndpoint> {
  const { ai } = await getSettings();
  if (!ai.enabled)
    throw new AiError('aiNotConfigured', 'The AI assistant is turned off in FlowPilot options.');
  return resolveEndpoint();
}

/** A rejected key after the saved one was withheld says why, and asks for this endpoint's key. */
export function explainWithheldKey(e: unknown, ep: ResolvedEndpoint): unknown {
  if (!(e instanceof AiError) || e.kind !== 'aiBadKey' || !ep.keyWithheldFrom) return e;
  return new AiError(
    'aiBadKey',
    `The saved API key belongs to ${ep.keyOrigin} and is never sent to ${ep.keyWithheldFrom}. Enter the API key for this endpoint in FlowPilot options → AI Assistant.`,
  );
}
