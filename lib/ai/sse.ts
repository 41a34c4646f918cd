// Server-Sent Events as OpenAI-compatible chat endpoints send them: `data: {json}` lines, events split
// by a blank line, `data: [DONE]` at the end. Chunks from fetch can cut anywhere, so this buffers.

export interface SseEvent {
  event?: string;
  data: string;
}

export class SseParser {
  private buf = '';

  /** Feeds decoded text; returns the events completed by it. */
  push(text: string): SseEvent[] {
    this.buf += text;
    const out: SseEvent[] = [];
    // Events end at a blank line; accept \n\n, \r\n\r\n and \r\r.
    for (;;) {
      const m = /\r\n\r\n|\n\n|\r\r/.exec(this.buf);
      if (!m) break;
      const raw = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      const ev = parseEvent(raw);
      if (ev) out.push(ev);
    }
    return out;
  }

  /** The last event when the stream ends without a trailing blank line. */
  flush(): SseEvent[] {
    const ev = this.buf.trim() ? parseEvent(this.buf) : undefined;
    this.buf = '';
    return ev ? [ev] : [];
  }
}

function parseEvent(raw: string): SseEvent | undefined {
  const data: string[] = [];
  let event: string | undefined;
  for (const line of raw.split(/\r\n|\n|\r/)) {
    if (!line || line.startsWith(':')) continue; // comments keep connections alive
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    let value = i < 0 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  }
  if (data.length === 0) return undefined;
  return event ? { event, data: data.join('\n') } : { data: data.join('\n') };
}

/** The text delta of one chat.completion.chunk, or undefined for role-only / final chunks. */
export function chunkDelta(data: string): string | undefined {
  try {
    const j = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
    const c = j.choices?.[0]?.delta?.content;
    return typeof c === 'string' && c !== '' ? c : undefined;
  } catch {
    return undefined;
  }
}
