// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button } from './Button';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(node: preact.ComponentChild) {
  root ??= document.createElement('div');
  if (!root.isConnected) document.body.append(root);
  act(() => render(node, root));
  return root.querySelector('button')!;
}

describe('Button', () => {
  it('keeps focus on itself across busy → done (disabling the focused button would drop focus to <body>)', () => {
    root = document.createElement('div');
    const onClick = vi.fn();
    const idle = mount(<Button onClick={onClick}>Save Mappings</Button>);
    idle.focus();
    expect(document.activeElement).toBe(idle);

    // The callers pass disabled={!!busy} as well: busy wins, so the button stays focusable.
    const busy = mount(
      <Button onClick={onClick} busy disabled>
        Save Mappings
      </Button>,
    );
    expect(busy).toBe(idle);
    expect(busy.disabled).toBe(false);
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(document.activeElement).toBe(busy);

    const done = mount(<Button onClick={onClick}>Save Mappings</Button>);
    expect(document.activeElement).toBe(done);
    expect(done.hasAttribute('aria-disabled')).toBe(false);
    expect(done.hasAttribute('aria-busy')).toBe(false);
  });

  it('ignores clicks and form submission while busy', () => {
    root = document.createElement('div');
    const onClick = vi.fn();
    const onSubmit = vi.fn((e: Event) => e.preventDefault());
    act(() => {
      document.body.append(root);
      render(
        <form onSubmit={onSubmit}>
          <Button type="submit" busy onClick={onClick}>
            Connect
          </Button>
        </form>,
        root,
      );
    });
    const b = root.querySelector('button')!;
    act(() => b.click());
    expect(onClick).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('a plain disabled prop stays native', () => {
    root = document.createElement('div');
    const b = mount(<Button disabled>Disconnect</Button>);
    expect(b.disabled).toBe(true);
  });

  it('focusableWhenDisabled: disabled but focusable (aria-disabled), clicks ignored', () => {
    root = document.createElement('div');
    const onClick = vi.fn();
    const b = mount(
      <Button disabled focusableWhenDisabled onClick={onClick}>
        Save Mappings
      </Button>,
    );
    expect(b.disabled).toBe(false);
    expect(b.getAttribute('aria-disabled')).toBe('true');
    act(() => b.click());
    expect(onClick).not.toHaveBeenCalled();
  });
});
