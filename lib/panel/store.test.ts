import { describe, expect, it } from 'vitest';
import type { TicketContext } from '../ticket/types';
import { createPanelStore } from './store';

const det = (id: number, kind: 'service' | 'project' = 'service') => ({
  kind,
  id,
  summary: `s${id}`,
  source: 'banner' as const,
});

describe('panel store', () => {
  it('links the page ticket, a searched ticket replaces it, Unlink returns to the page ticket', () => {
    const s = createPanelStore();
    expect(s.linked.value).toBeNull();
    s.setDetected(det(1001));
    expect(s.linkedKey.value).toBe('service:1001');
    expect(s.linked.value?.how).toBe('page');
    s.linkChosen({ ref: { kind: 'service', id: 1050 }, summary: 'x', how: 'search' });
    expect(s.linkedKey.value).toBe('service:1050');
    s.unlink();
    expect(s.linkedKey.value).toBe('service:1001');
    s.unlink();
    expect(s.linked.value).toBeNull();
    s.relinkPage();
    expect(s.linkedKey.value).toBe('service:1001');
  });

  it('navigating to another ticket links it, replacing a searched one', () => {
    const s = createPanelStore();
    s.setDetected(det(1001));
    s.linkChosen({ ref: { kind: 'service', id: 1050 }, how: 'search' });
    s.setDetected({ ...det(1001), summary: 'edited' });
    expect(s.linkedKey.value).toBe('service:1050');
    s.setDetected(det(5001, 'project'));
    expect(s.linkedKey.value).toBe('project:5001');
  });

  it('a non-ticket page links nothing until the technician picks a ticket', () => {
    const s = createPanelStore();
    s.setDetected(null);
    expect(s.linked.value).toBeNull();
    s.linkChosen({ ref: { kind: 'service', id: 1002 }, how: 'search' });
    expect(s.linkedKey.value).toBe('service:1002');
    expect(s.searchOpen.value).toBe(false);
  });

  it('the linked ticket’s number (Autotask) from the context, else its first wave, else detection', () => {
    const s = createPanelStore();
    expect(s.linkedNumber.value).toBeUndefined();
    s.setDetected({ ...det(40265), number: 'T20261129.0004' });
    expect(s.linkedNumber.value).toBe('T20261129.0004');
    const ctx = (number?: string) => ({ ref: { kind: 'service', id: 40265 }, number }) as TicketContext;
    s.context.value = { status: 'loading', key: 'service:40265', partial: ctx('T20261129.0005') };
    expect(s.linkedNumber.value).toBe('T20261129.0005');
    s.context.value = { status: 'ready', key: 'service:40265', context: ctx('T20261129.0006') };
    expect(s.linkedNumber.value).toBe('T20261129.0006');
    // ConnectWise: no number anywhere, the ticket is "#1001".
    s.setDetected(det(1001));
    s.context.value = { status: 'ready', key: 'service:1001', context: ctx(undefined) };
    expect(s.linkedNumber.value).toBeUndefined();
    // Nothing linked: no number, whatever the context still holds.
    s.unlink();
    expect(s.linkedNumber.value).toBeUndefined();
  });
});
