import { getAiConfig, resolveEndpoint, saveAiConfig } from '../ai/config';
import { testEndpoint } from '../ai/provider';
import type { Handlers } from '../messages/router';
import { broadcast } from './broadcast';

/** Handlers for the options page's AI Assistant section. */
export const aiOptionsHandlers: Handlers<'optionsToBg'> = {
  'ai/config/get': () => getAiConfig(),
  'ai/config/save': async (input) => {
    const c = await saveAiConfig(input);
    await broadcast({ type: 'settings/changed' });
    return c;
  },
  'ai/test': async (input) => {
    const ep = await resolveEndpoint({
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      ...(input.model ? { model: input.model } : {}),
      ...(input.apiKey ? { apiKey: input.apiKey } : {}),
    });
    return testEndpoint(ep);
  },
};
