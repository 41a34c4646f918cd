// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneItem } from '@/lib/session/model';
import { LaneSection } from './LaneSection';
import type { LaneOpInput } from './types';

afterEach(() => {
  document.body.innerHTML = '';
});

const item = (over: Partial<LaneItem> = {}): LaneItem => ({
  id: 'c1',
  text: 'Ping the gateway',
  result: 'pending',
  done: false,
  source: 'manual',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

function mount(items: LaneItem[], reply = true) {
  const ops: LaneOpInput[] = [];
  const el = document.createElement('div');
  document.body.append(el);
  const onOp = async (op: LaneOpInput) => {
    ops.push(op);
    return reply;
  };
  act(() => render(<LaneSection section="checks" items={items} disabled={false} onOp={onOp} />, el));
  return { el, ops };
}

function key(target: Element, k: string) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('LaneSection', () => {
  it('Enter adds the trimmed text and clears the field; Escape clears without adding', async () => {
    const { el, ops } = mount([]);
    const add = el.querySelector<HTMLInputElement>('input[aria-label="Add to Diagnostic checks"]');
    if (!add) throw new Error('no add field');
    type(add, '  Check DNS  ');
    key(add, 'Enter');
    await act(async () => undefined);
    expect(ops).toEqual([{ op: 'add', section: 'checks', text: 'Check DNS' }]);
    expect(add.value).toBe('');
    type(add, 'oops');
    key(add, 'Escape');
    expect(add.value).toBe('');
    key(add, 'Enter');
    expect(ops).toHaveLength(1);
  });

  it('puts the text back when the background refuses the add', async () => {
    const { el } = mount([], false);
    const add = el.querySelector<HTMLInputElement>('input[aria-label="Add to Diagnostic checks"]');
    if (!add) throw new Error('no add field');
    type(add, 'Check DNS');
    key(add, 'Enter');
    await act(async () => undefined);
    expect(add.value).toBe('Check DNS');
  });

  it('edits inline (Escape cancels, Enter saves) and offers reorder, result and note per item', async () => {
    const { el, ops } = mount([item(), item({ id: 'c2', text: 'Second' })]);
    expect(el.querySelector('h3')?.textContent).toBe('Diagnostic checks (2)');
    const edit = () => el.querySelector<HTMLButtonElement>('button[aria-label="Edit Ping the gateway"]');
    act(() => edit()?.click());
    const field = el.querySelector<HTMLInputElement>('input[aria-label="Edit: Ping the gateway"]');
    if (!field) throw new Error('no edit field');
    key(field, 'Escape');
    expect(el.querySelector('input[aria-label="Edit: Ping the gateway"]')).toBeNull();
    act(() => edit()?.click());
    const again = el.querySelector<HTMLInputElement>('input[aria-label="Edit: Ping the gateway"]');
    if (!again) throw new Error('no edit field');
    type(again, 'Ping 10.0.0.1');
    key(again, 'Enter');
    await act(async () => undefined);
    expect(ops.at(-1)).toEqual({ op: 'edit', id: 'c1', patch: { text: 'Ping 10.0.0.1' } });
    // The first item can't move up, the last can't move down.
    expect(
      el.querySelector<HTMLButtonElement>('button[aria-label="Move up: Ping the gateway"]')?.disabled,
    ).toBe(true);
    expect(el.querySelector<HTMLButtonElement>('button[aria-label="Move down: Second"]')?.disabled).toBe(
      true,
    );
    act(() => el.querySelector<HTMLButtonElement>('button[aria-label="Move up: Second"]')?.click());
    expect(ops.at(-1)).toEqual({ op: 'move', id: 'c2', delta: -1 });
    const result = el.querySelector<HTMLSelectElement>('select[aria-label="Result: Ping the gateway"]');
    expect([...(result?.options ?? [])].map((o) => o.text)).toEqual(['Pending', 'Pass', 'Fail']);
    expect(el.querySelector('input[aria-label="Note: Ping the gateway"]')).not.toBeNull();
    act(() => el.querySelector<HTMLButtonElement>('button[aria-label="Remove: Second"]')?.click());
    expect(ops.at(-1)).toEqual({ op: 'remove', id: 'c2' });
  });

  for (const [section, label, field] of [
    ['checks', 'Note', 'note'],
    ['questions', 'Answer', 'answer'],
  ] as const) {
    it(`Enter in the ${label} field saves it once and keeps focus there`, async () => {
      const ops: LaneOpInput[] = [];
      const el = document.createElement('div');
      document.body.append(el);
      const onOp = async (op: LaneOpInput) => {
        ops.push(op);
        return true;
      };
      act(() => render(<LaneSection section={section} items={[item()]} disabled={false} onOp={onOp} />, el));
      const input = el.querySelector<HTMLInputElement>(`input[aria-label="${label}: Ping the gateway"]`);
      if (!input) throw new Error(`no ${label} field`);
      input.focus();
      type(input, 'Replies in 2 ms');
      key(input, 'Enter');
      await act(async () => undefined);
      expect(ops).toEqual([{ op: 'edit', id: 'c1', patch: { [field]: 'Replies in 2 ms' } }]);
      expect(document.activeElement).toBe(input);
      // Leaving the field afterwards does not save the same text again.
      act(() => {
        input.dispatchEvent(new Event('change', { bubbles: true }));
        input.blur();
      });
      await act(async () => undefined);
      expect(ops).toHaveLength(1);
    });
  }
});
