import type { RouterDeps } from '../messages/router';
import { optionsHandlers } from './options-handlers';
import { panelHandlers } from './panel-handlers';

export const handlers: RouterDeps['handlers'] = { optionsToBg: optionsHandlers, panelToBg: panelHandlers };
