import { describe, expect, it } from 'vitest';
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
});
