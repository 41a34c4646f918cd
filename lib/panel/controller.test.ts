import { describe, expect, it } from 'vitest';
import type { TicketContext, TicketRef } from '../ticket/types';
import { createPanelController, type PanelApi } from './controller';
import { createPanelStore } from './store';

const REF: TicketRef = { kind: 'service', id: 1001 };

function context(phone: string, fetchedAt: number, ref = REF): TicketContext {
  return { ref, fetchedAt, company: { phone } } as unknown as TicketContext;
}

/** A panel whose context asks are answered by hand, in whatever order a test needs. */
function setup() {
  const store = createPanelStore();
  const answers: ((c: TicketContext) => void)[] = [];
  const api: PanelApi = {
    status: async () => ({ connected: false }),
    context: () => new Promise<TicketContext>((resolve) => answers.push(resolve)),
    search: async (_q, seq) => ({ seq, results: [] }),
    openOptions: async () => undefined,
    saveCollapsed: async () => undefined,
  };
  const controller = createPanelController(store, api);
  const shown = () => {
    const c = store.context.value;
    return c.status === 'ready' ? (c.context.company as { phone: string } | undefined)?.phone : c.status;
  };
  return { store, controller, answers, shown };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('panel controller: the linked ticket’s context', () => {
  it('a correction pushed before the answer it corrects is applied when that answer arrives', async () => {
    const t = setup();
    t.store.setDetected({ kind: 'service', id: 1001, summary: 's', source: 'banner' });
    expect(t.answers).toHaveLength(1);
    // The worker completed the context from kept details (the old phone); its check of them finished
    // first and was pushed before the answer (ticket/contextUpdated), while the panel still loads.
    t.controller.updated(context('2125550177', 2_000));
    t.answers[0]!(context('9185550083', 2_000));
    await settle();
    expect(t.shown()).toBe('2125550177');
  });

  it('an older push does not replace a newer answer, nor one for another ticket', async () => {
    const t = setup();
    t.store.setDetected({ kind: 'service', id: 1001, summary: 's', source: 'banner' });
    t.controller.updated(context('1111111111', 1_000));
    t.controller.updated(context('2222222222', 5_000, { kind: 'service', id: 1002 }));
    t.answers[0]!(context('9185550083', 2_000));
    await settle();
    expect(t.shown()).toBe('9185550083');
  });

  it('a push while shown replaces the context; one kept from an earlier ticket is not applied later', async () => {
    const t = setup();
    t.store.setDetected({ kind: 'service', id: 1001, summary: 's', source: 'banner' });
    t.answers[0]!(context('9185550083', 2_000));
    await settle();
    t.controller.updated(context('2125550177', 3_000));
    expect(t.shown()).toBe('2125550177');
    // While 1002 loads, a push for 1001 is remembered nowhere; back on 1001, only its answer counts.
    t.store.setDetected({ kind: 'service', id: 1002, summary: 's', source: 'banner' });
    t.controller.updated(context('3333333333', 9_000));
    t.store.setDetected({ kind: 'service', id: 1001, summary: 's', source: 'banner' });
    t.answers[2]!(context('2125550177', 4_000));
    await settle();
    expect(t.shown()).toBe('2125550177');
  });
});
