// @vitest-environment node
// Posting on an Autotask connection names the ticket by its number (T20261129.0004), which is all an
// Autotask technician knows: the answer to the click, Auto Push's hold, and Post History's filter.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SANDBOX_NOTE_CHOICES, SPECIAL_TICKETS } from '../../tests/autotask-sandbox/index.ts';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { optionsHandlers } from '../background/options-handlers';
import { postingOptionsHandlers } from '../background/posting-handlers';
import { PostRequestSchema } from '../messages/posting';
import type { HandlerContext } from '../messages/router';
import { changeSession, startSessionFor } from '../session/service';
import { saveSettings } from '../settings/store';
import { autoPush, getOutbox, submitPost } from './service';

const sb = useAutotaskSandbox({ connect: true });
const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };
const T = SPECIAL_TICKETS.standard;
const numberOf = (id: number) => String(sb.state.tickets.find((t) => t.id === id)?.ticketNumber);

describe('posting to Autotask names the ticket by its number', () => {
  it('the click’s answer and Post History (found by the number, in any case); the id still finds it', async () => {
    await optionsHandlers['settings/autotaskNotesSave']!(SANDBOX_NOTE_CHOICES, ctx);
    const number = numberOf(T);
    const r = await submitPost({
      ticketKey: `service:${T}`,
      noteKind: 'internalAnalysis',
      text: 'Checked the mail profile.',
      timeEntry: false,
      waitMs: 10_000,
      ticketNumber: number,
    });
    expect(r.outcome).toBe('sent');
    expect(r.message).toBe(`Posted to ticket ${number}.`);
    expect(r.post).toMatchObject({ ticketId: T, ticketNumber: number });

    const list = postingOptionsHandlers['posting/list']!;
    const page = (f: object) => list({ offset: 0, limit: 50, ...f }, ctx);
    expect((await page({ ticketNumber: number.toLowerCase() })).items.map((p) => p.id)).toEqual([r.post.id]);
    expect((await page({ ticketId: T })).items.map((p) => p.id)).toEqual([r.post.id]);
    expect((await page({ ticketNumber: numberOf(T + 1) })).items).toEqual([]);
    const exported = await postingOptionsHandlers['posting/export']!(
      { format: 'json', ticketNumber: number },
      ctx,
    );
    expect(JSON.parse(exported.content)).toEqual([expect.objectContaining({ ticketNumber: number })]);
    expect(sb.contractViolations).toEqual([]);
  });

  it('Auto Push’s hold says the number too', async () => {
    await saveSettings({ autoPush: true, autoTimeEntry: false });
    const ticketKey = `service:${T + 1}`;
    const view = await startSessionFor({ ticketKey, ticketSummary: 'Printer', problem: 'Printer offline' });
    await changeSession(view.session.id, { kind: 'resolve', rootCause: 'Cable', resolution: 'Reseated it' });
    const held = await autoPush(ticketKey, 60_000, numberOf(T + 1));
    expect(held?.message).toBe(`Posting to ticket ${numberOf(T + 1)} in 60 s.`);
    await getOutbox().discard(held!.post.id);
  });

  it('Auto Push without the panel’s number (another tab, a panel that had none) uses the one the session kept', async () => {
    await saveSettings({ autoPush: true, autoTimeEntry: false });
    const ticketKey = `service:${T + 1}`;
    const view = await startSessionFor({
      ticketKey,
      ticketSummary: 'Printer',
      problem: 'Printer offline',
      ticketNumber: numberOf(T + 1),
    });
    await changeSession(view.session.id, { kind: 'resolve', rootCause: 'Cable', resolution: 'Reseated it' });
    const held = await autoPush(ticketKey, 60_000);
    expect(held?.message).toBe(`Posting to ticket ${numberOf(T + 1)} in 60 s.`);
    expect(held?.post.ticketNumber).toBe(numberOf(T + 1));
    await getOutbox().discard(held!.post.id);
  });

  it('the panel’s request carries the number trimmed and bounded', () => {
    const base = { ticketKey: `service:${T}`, noteKind: 'internalAnalysis', text: 'x', timeEntry: false };
    expect(PostRequestSchema.parse({ ...base, ticketNumber: ' T20261129.0004 ' }).ticketNumber).toBe(
      'T20261129.0004',
    );
    expect(PostRequestSchema.safeParse({ ...base, ticketNumber: 'T'.repeat(51) }).success).toBe(false);
    expect(PostRequestSchema.safeParse({ ...base, ticketNumber: '  ' }).success).toBe(false);
  });
});
