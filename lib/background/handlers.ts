import type { RouterDeps } from '../messages/router';
import { aiOptionsHandlers } from './ai-handlers';
import { historyOptionsHandlers, historyPanelHandlers } from './history-handlers';
import { optionsHandlers } from './options-handlers';
import { pageHandlers, panelHandlers } from './panel-handlers';
import { policyOptionsHandlers } from './policy-handlers';
import { postingOptionsHandlers, postingPanelHandlers } from './posting-handlers';
import { sessionHandlers } from './session-handlers';

// One line per feature area: each area keeps its handlers in its own module and spreads them in here.
export const handlers: RouterDeps['handlers'] = {
  optionsToBg: {
    ...optionsHandlers,
    ...postingOptionsHandlers,
    ...aiOptionsHandlers,
    ...historyOptionsHandlers,
    ...policyOptionsHandlers,
  },
  panelToBg: { ...panelHandlers, ...postingPanelHandlers, ...sessionHandlers, ...historyPanelHandlers },
  pageToBg: pageHandlers,
};
