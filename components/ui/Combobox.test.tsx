// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Combobox } from './Combobox';

const options = [
  { value: '', label: '(Not mapped)' },
  { value: '101', label: 'John Smith (jsmith)', keywords: 'john.smith@x.com' },
  { value: '103', label: 'Alex Kim (akim)', keywords: 'alex.kim@x.com' },
  { value: '104', label: 'Thanh Nguyen (tnguyen)', keywords: 'thanh@x.com' },
];

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(onChange = vi.fn(), limit?: number) {
  root = document.createElement('div');
  document.body.append(root);
  act(() =>
    render(
      <Combobox label="Ana Lee" options={options} value="101" onChange={onChange} limit={limit} />,
      root,
    ),
  );
  return { input: root.querySelector<HTMLInputElement>('input[role="combobox"]')!, onChange };
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const shown = () => [...root.querySelectorAll('[role="option"]')].map((o) => o.textContent);

describe('Combobox', () => {
  it('shows the selected label and is named by its label', () => {
    const { input } = mount();
    expect(input.value).toBe('John Smith (jsmith)');
    expect(input.getAttribute('aria-label')).toBe('Ana Lee');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('filters by label and keywords as you type, and a click picks', () => {
    const { input, onChange } = mount();
    type(input, 'KIM');
    expect(shown()).toEqual(['Alex Kim (akim)']);
    type(input, 'thanh@');
    expect(shown()).toEqual(['Thanh Nguyen (tnguyen)']);
    act(() => (root.querySelector('[role="option"]') as HTMLElement).click());
    expect(onChange).toHaveBeenCalledWith('104');
  });

  it('picks with arrow keys and Enter, and limits how many options render', () => {
    const { input, onChange } = mount(vi.fn(), 2);
    type(input, '');
    expect(shown()).toHaveLength(2);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledWith('101');
  });

  it('the first ArrowDown on a closed list lands on the first option', () => {
    const { input, onChange } = mount();
    const down = () =>
      act(() => {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      });
    down();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const active = () => root.querySelector(`#${input.getAttribute('aria-activedescendant')}`)?.textContent;
    expect(active()).toBe('(Not mapped)');
    down();
    expect(active()).toBe('John Smith (jsmith)');
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledWith('101');
  });
});
