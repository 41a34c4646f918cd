import { describe, expect, it } from 'vitest';
import { createLatest } from './latest';

describe('createLatest', () => {
  it('only the newest ask is current, whatever order the answers come in', () => {
    const take = createLatest();
    const all = take();
    const contoso = take();
    expect(contoso()).toBe(true);
    expect(all()).toBe(false);
    const again = take();
    expect(contoso()).toBe(false);
    expect(again()).toBe(true);
  });

  it('each list has its own tokens', () => {
    const a = createLatest();
    const b = createLatest();
    const ta = a();
    b();
    expect(ta()).toBe(true);
  });
});
