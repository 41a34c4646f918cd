import { describe, expect, it } from 'vitest';
import { askRepeatable, BgError } from './client';

const unavailable = () => new BgError({ kind: 'unavailable', message: 'not responding' });

describe('askRepeatable', () => {
  it('asks again while the worker gave no answer, and returns the answer of the ask that got one', async () => {
    const calls: number[] = [];
    const r = await askRepeatable(async () => {
      calls.push(calls.length);
      if (calls.length < 3) throw unavailable();
      return 'posted';
    }, [0, 0, 0]);
    expect(r).toBe('posted');
    expect(calls).toHaveLength(3);
  });

  it('gives up after its delays, with the last "no answer"', async () => {
    let n = 0;
    await expect(
      askRepeatable(async () => {
        n++;
        throw unavailable();
      }, [0, 0]),
    ).rejects.toMatchObject({ info: { kind: 'unavailable' } });
    expect(n).toBe(3);
  });

  it('never repeats an answered refusal', async () => {
    let n = 0;
    await expect(
      askRepeatable(async () => {
        n++;
        throw new BgError({ kind: 'validation', message: 'Nothing to post' });
      }, [0, 0]),
    ).rejects.toMatchObject({ info: { kind: 'validation' } });
    expect(n).toBe(1);
  });
});
