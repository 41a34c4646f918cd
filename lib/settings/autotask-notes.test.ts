// @vitest-environment node
// Autotask note choices (issue 15 §2): offered from the tenant's picklists, checked against them when
// saved, kept per connection, and used by the outbox's writer.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NOTE_TYPE, PUBLISH, SANDBOX_NOTE_CHOICES } from '../../tests/autotask-sandbox/index.ts';
import { saveSandboxAutotask, useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { optionsHandlers } from '../background/options-handlers';
import { connectedWriter } from '../connection/psa';
import { db } from '../db/schema';
import type { HandlerContext } from '../messages/router';
import { getAutotaskNoteChoices } from './autotask-notes';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };
const sb = useAutotaskSandbox();
beforeEach(async () => {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async () => undefined);
  await db().settings.clear();
});

const choices = SANDBOX_NOTE_CHOICES;

describe('Autotask note choices', () => {
  it('offers the tenant’s active note types and publish values with the tenant’s labels', async () => {
    await saveSandboxAutotask(sb);
    const got = await optionsHandlers['settings/autotaskNotes']!({}, ctx);
    const labels = (field: string) =>
      sb.state.picklists.TicketNotes![field]!.filter((p) => p.isActive).map((p) => p.label);
    expect(got.types.map((t) => t.name)).toEqual(labels('noteType'));
    expect(got.visibilities.map((t) => t.name)).toEqual(labels('publish'));
    expect(got.choices).toBeUndefined();
  });

  it('saves valid choices for this connection; refuses an inactive or unknown value with what to do', async () => {
    await saveSandboxAutotask(sb);
    const save = optionsHandlers['settings/autotaskNotesSave']!;
    await expect(
      save({ ...choices, noteTypeByKind: { ...choices.noteTypeByKind, resolution: 102 } }, ctx),
    ).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/Resolution notes/) });
    await expect(save({ ...choices, customerPublish: 3 }, ctx)).rejects.toMatchObject({
      message: expect.stringMatching(/customer-facing/),
    });
    expect(await save(choices, ctx)).toEqual(choices);
    expect((await optionsHandlers['settings/autotaskNotes']!({}, ctx)).choices).toEqual(choices);
    // Another tenant's ids are not this one's.
    expect(await getAutotaskNoteChoices('autotask:someone@https://elsewhere')).toBeUndefined();
  });

  it('the outbox’s writer posts notes with the saved choices', async () => {
    await saveSandboxAutotask(sb);
    await optionsHandlers['settings/autotaskNotesSave']!(choices, ctx);
    const writer = await connectedWriter();
    if (!('findRefs' in writer)) throw new Error('expected the Autotask writer');
    const { id } = await writer.send(
      { kind: 'service', id: 40265 },
      {
        kind: 'note',
        audience: 'customer',
        noteKind: 'description',
        flags: { internalAnalysis: false, resolution: false, description: true },
        text: 'Fixed.',
      },
      'abc1234',
      {},
    );
    expect(sb.state.ticketNotes.find((n) => n.id === id)).toMatchObject({
      noteType: NOTE_TYPE.taskDetail,
      publish: PUBLISH.all,
    });
  });

  it('refuses on a ConnectWise connection (or none)', async () => {
    await expect(optionsHandlers['settings/autotaskNotes']!({}, ctx)).rejects.toMatchObject({
      kind: 'notConnected',
    });
  });
});
