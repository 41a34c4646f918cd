import { withActivity } from '../activity/log';
import { explainWithheldKey, getAiConfig, resolveEndpoint, saveAiConfig } from '../ai/config';
import { testEndpoint } from '../ai/provider';
import type { Handlers } from '../messages/router';
import { broadcast } from './broadcast';
import { releaseUnusedHosts } from './host-scope';

const ACTOR = 'admin (options page)';

/** Handlers for the options page's AI Assistant section. */
export const aiOptionsHandlers: Handlers<'optionsToBg'> = {
  'ai/config/get': () => getAiConfig(),
  'ai/config/save': async (input) => {
    const c = await withActivity(
      'ai/settings/save',
      ACTOR,
      () => saveAiConfig(input),
      (r) =>
        r.ok ? `assistant ${r.value.enabled ? 'on' : 'off'}, model ${r.value.model || '(none)'}` : undefined,
    );
    await releaseUnusedHosts(); // the previous endpoint's host
    await broadcast({ type: 'settings/changed' });
    return c;
  },
  'ai/test': async (input) => {
    const ep = await resolveEndpoint({
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      ...(input.model ? { model: input.model } : {}),
      ...(input.apiKey ? { apiKey: input.apiKey } : {}),
    });
    return withActivity(
      'ai/test',
      ACTOR,
      () =>
        testEndpoint(ep).catch((e) => {
          throw explainWithheldKey(e, ep);
        }),
      (r) =>
        r.ok
          ? `model ${ep.model}`
          : `model ${ep.model}: ${r.error instanceof Error ? r.error.message : 'failed'}`,
    );
  },
};
