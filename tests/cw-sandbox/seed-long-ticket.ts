// One very long ticket for limits and the bench (issue 12 "Bad input and limits"): 200 notes, a
// 20,000-character initial description, 50 attached configurations. It is made last, with its own PRNG,
// out of an ordinary generated ticket (LONG_TICKET.id), so no other ticket's data, id or order changes.
import { cwDate, HOUR } from './dates.ts';
import { createRng } from './prng.ts';
import { LONG_TICKET, SEED_NOW } from './seed-constants.ts';
import { NOTE_OPENERS } from './seed-data.ts';
import { TECH_IDS } from './seed-people.ts';
import { TicketFactory } from './seed-tickets.ts';
import type { Configuration, SandboxState } from './types.ts';

const HEX = '0123456789ABCDEF';

/** The customer's first message: a pasted log, 20,000 characters exactly. */
function longDescription(): string {
  const head =
    'Since the warehouse move every handheld scanner drops off the Wi-Fi several times an hour.\n' +
    'Below is the full export from the controller for the last shift.\n\n';
  let text = head;
  for (let i = 0; text.length < LONG_TICKET.descriptionChars; i++) {
    const mm = String(i % 60).padStart(2, '0');
    text += `06:${mm}:${String((i * 7) % 60).padStart(2, '0')} AP-WH-0${(i % 8) + 1} deauth WH-SCN-${String((i % 50) + 1).padStart(3, '0')} reason=4 rssi=-${60 + (i % 25)}dBm\n`;
  }
  return text.slice(0, LONG_TICKET.descriptionChars);
}

export function seedLongTicket(state: SandboxState): void {
  const rng = createRng(4242);
  const ticket = state.tickets.find((t) => t.id === LONG_TICKET.id);
  if (!ticket) throw new Error('seed: no long ticket');
  ticket.summary = LONG_TICKET.summary;

  // Its devices: 50 warehouse scanners of the ticket's company, after every other configuration.
  const template = state.configurations.find((c) => c.company.id === ticket.company.id);
  if (!template) throw new Error('seed: the long ticket company has no configurations');
  let nextConfigId = Math.max(...state.configurations.map((c) => c.id)) + 1;
  const configs: Configuration[] = Array.from({ length: LONG_TICKET.configurations }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      ...template,
      id: nextConfigId++,
      name: `WH-SCN-${n}`,
      deviceIdentifier: `WH-SCN-${n}`,
      type: { id: 1, name: 'Workstation' },
      modelNumber: 'Zebra TC52',
      manufacturer: { id: 99, name: 'Generic' },
      serialNumber: `ZB${String(rng.int(100000, 999999))}`,
      macAddress: Array.from({ length: 6 }, () => HEX[rng.int(0, 15)]! + HEX[rng.int(0, 15)]!).join(':'),
      ipAddress: `10.40.${Math.floor(i / 200)}.${(i % 200) + 20}`,
      osType: 'Android',
      osInfo: '11',
      contact: undefined,
      lastLoginName: undefined,
    };
  });
  state.configurations.push(...configs);
  state.ticketConfigurations[ticket.id] = configs.map((c) => c.id);

  // Its notes: replaced by the long history (new ids, after every other service note).
  state.notes = state.notes.filter((n) => n.ticketId !== ticket.id);
  const f = new TicketFactory(state, rng);
  f.noteId = state.nextIds.note;
  const start = SEED_NOW - 60 * 24 * HOUR;
  f.note(ticket.id, {
    text: longDescription(),
    detail: true,
    contactId: ticket.contact?.id,
    memberId: ticket.contact ? undefined : TECH_IDS[0],
    ms: start,
  });
  for (let i = 1; i < LONG_TICKET.notes; i++) {
    const internal = i % 3 === 0;
    // Every fifth note is long (a pasted report): the panel clips it.
    const body =
      i % 5 === 0
        ? Array.from({ length: 12 }, () => rng.pick(NOTE_OPENERS)).join('\n')
        : rng.pick(NOTE_OPENERS);
    f.note(ticket.id, {
      text: `Update ${i}: ${body}`,
      detail: !internal,
      internal,
      memberId: rng.pick(TECH_IDS),
      ms: start + i * 7 * HOUR + rng.int(0, 50) * 60_000,
    });
  }
  state.notes.push(...f.notes);
  state.nextIds.note = f.noteId;
  ticket._info.lastUpdated = cwDate(start + LONG_TICKET.notes * 7 * HOUR);
}
