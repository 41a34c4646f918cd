import { describe, expect, it } from 'vitest';
import { chunkDelta, SseParser } from './sse';

describe('SSE parser', () => {
  it('reassembles events split across chunks and ignores comments', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\ndata: {"a"')).toEqual([]);
    expect(p.push(':1}\n\nda')).toEqual([{ data: '{"a":1}' }]);
    expect(p.push('ta: [DONE]\r\n\r\n')).toEqual([{ data: '[DONE]' }]);
  });

  it('joins multi-line data and keeps event names; flushes a trailing event', () => {
    const p = new SseParser();
    expect(p.push('event: error\ndata: x\ndata: y\n\n')).toEqual([{ event: 'error', data: 'x\ny' }]);
    p.push('data: tail');
    expect(p.flush()).toEqual([{ data: 'tail' }]);
    expect(p.flush()).toEqual([]);
  });

  it('extracts the content delta of a chat.completion.chunk', () => {
    expect(chunkDelta('{"choices":[{"index":0,"delta":{"content":"Hel"}}]}')).toBe('Hel');
    expect(chunkDelta('{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}')).toBeUndefined();
    expect(chunkDelta('{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}')).toBeUndefined();
    expect(chunkDelta('not json')).toBeUndefined();
  });
});
