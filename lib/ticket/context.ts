import type { CwClient } from '../cw/client';
import { CwError } from '../cw/errors';
import {
  type CwCompany,
  type CwConfiguration,
  type CwContact,
  type CwNote,
  type CwTicket,
  contextFromTicket,
  toConfigurationView,
  toNoteView,
  withCompanyDetails,
  withContactDetails,
} from './cw-map';
import type { DetailStore } from './detail-cache';
import {
  companyRequest,
  configurationDetailsRequest,
  contactRequest,
  initialDescriptionRequest,
  latestNotesRequest,
  type Request,
  ticketConfigurationsRequest,
  ticketRequest,
} from './queries';
import type { TicketContext, TicketRef } from './types';

// Loads a TicketContext in two waves of parallel requests: wave 1 needs only the ticket id (ticket,
// latest notes, initial description, attached configurations); wave 2 needs wave 1's answers
// (configuration details in one `id in (…)` list call, company phone, contact channels when the
// ticket lacks them). Each wave-2 request leaves as soon as the answer it needs is in (company and
// contact after the ticket, device details after the attached list), not after the slowest of wave 1.
// A failing section is recorded in `problems`; only the ticket itself is fatal.
// With company, contact and device details kept from earlier contexts (lib/ticket/detail-cache.ts),
// the context is complete after wave 1 and wave 2 only checks them (issue 12 §5).

export interface LoadOptions {
  client: CwClient;
  /** `https://na.myconnectwise.net`: where people open the ticket (not the api- host). */
  webOrigin: string;
  signal?: AbortSignal;
  /** Called with the context after wave 1, before the details arrive. */
  onPartial?: (ctx: TicketContext) => void;
  /**
   * Company, contact and device details kept from earlier contexts (lib/ticket/detail-cache.ts). When
   * every detail this ticket needs is there, the context is complete after wave 1; wave 2 still runs,
   * as a check, and refreshes them.
   */
  details?: DetailStore;
  /** That check found details other than the kept ones: the context as it is now. */
  onRevalidated?: (ctx: TicketContext) => void;
  /**
   * The context was completed from kept details and their check is on its way: settles when it has
   * ended (after `onRevalidated`, if it found a difference). Not called when nothing was kept.
   */
  onCheck?: (check: Promise<void>) => void;
  now?: () => number;
}

type Section<T> = { ok: true; value: T } | { ok: false; message: string };

async function section<T>(p: Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    if (e instanceof CwError && e.kind === 'cancelled') throw e;
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

interface Details {
  company?: Section<CwCompany>;
  contact?: Section<CwContact>;
  /** The attached configurations' details (undefined: none attached or the list failed). */
  configs?: Section<CwConfiguration[]>;
}

/** The wave-1 context completed with the second wave's details; a failed section becomes a problem. */
function withDetails(base: TicketContext, d: Details, fetchedAt: number): TicketContext {
  let ctx: TicketContext = { ...base, problems: [...base.problems] };
  if (d.configs?.ok) {
    const byId = new Map((d.configs.value ?? []).map((c) => [c.id, c]));
    // Keep the ticket's order; a configuration the API member can't read keeps its device name.
    ctx.configurations = ctx.configurations.map((c) => {
      const found = byId.get(c.id);
      return found ? toConfigurationView(found) : c;
    });
  } else if (d.configs) ctx.problems.push({ section: 'configurations', message: d.configs.message });
  if (d.company?.ok) ctx = withCompanyDetails(ctx, d.company.value);
  else if (d.company) ctx.problems.push({ section: 'company', message: d.company.message });
  if (d.contact?.ok) ctx = withContactDetails(ctx, d.contact.value);
  else if (d.contact) ctx.problems.push({ section: 'contact', message: d.contact.message });
  ctx.fetchedAt = fetchedAt;
  return ctx;
}

const sameContext = (a: TicketContext, b: TicketContext) =>
  JSON.stringify({ ...a, fetchedAt: 0 }) === JSON.stringify({ ...b, fetchedAt: 0 });

/** The kept answer when the fresh one failed: a flaky second wave does not blank what was known. */
function orKept<T>(fresh: Section<T> | undefined, kept: T | undefined): Section<T> | undefined {
  return fresh && !fresh.ok && kept !== undefined ? { ok: true, value: kept } : fresh;
}

export async function loadTicketContext(ref: TicketRef, opts: LoadOptions): Promise<TicketContext> {
  const { client, signal, details: store } = opts;
  const now = opts.now ?? Date.now;
  const get = <T>(r: Request) => client.get<T>(r.path, r.query, { signal });
  const configsReq = ticketConfigurationsRequest(ref);
  type Refs = { id: number; deviceIdentifier?: string }[];

  // Wave 1.
  const ticketP = get<CwTicket>(ticketRequest(ref));
  const notesP = section(get<CwNote[]>(latestNotesRequest(ref)));
  const initialP = section(get<CwNote[]>(initialDescriptionRequest(ref)));
  const refsP: Promise<Section<Refs>> = configsReq
    ? section(get<Refs>(configsReq))
    : Promise.resolve({ ok: true, value: [] });

  // Wave 2, each part started by the answer it depends on.
  const configsP = refsP.then((refs) => {
    const req = refs.ok ? configurationDetailsRequest((refs.value ?? []).map((r) => r.id)) : undefined;
    return req ? section(get<CwConfiguration[]>(req)) : undefined;
  });
  const peopleOf = (t: CwTicket) => {
    const base = contextFromTicket(ref, t, opts.webOrigin, now());
    const contactId = base.contact?.id;
    const needContact = contactId !== undefined && (!base.contact?.email || !base.contact?.phone);
    return { companyId: base.company?.id, contactId: needContact ? contactId : undefined };
  };
  const peopleP = ticketP.then((t) => {
    const { companyId, contactId } = peopleOf(t);
    return Promise.all([
      companyId !== undefined ? section(get<CwCompany>(companyRequest(companyId))) : undefined,
      contactId !== undefined ? section(get<CwContact>(contactRequest(contactId))) : undefined,
    ]);
  });
  // A fatal ticket error (or a cancel) must not leave these rejecting unobserved.
  peopleP.catch(() => undefined);
  configsP.catch(() => undefined);

  // What an earlier worker kept is loaded beside wave 1 (it takes a millisecond; wave 1 a round trip).
  const [ticket, notes, initial, configRefs] = await Promise.all([
    ticketP,
    notesP,
    initialP,
    refsP,
    store?.ready?.catch(() => undefined),
  ]);
  const ctx = contextFromTicket(ref, ticket, opts.webOrigin, now());
  if (notes.ok) ctx.notes = (notes.value ?? []).map(toNoteView);
  else ctx.problems.push({ section: 'notes', message: notes.message });
  if (initial.ok && initial.value?.[0]?.text) ctx.initialDescription = initial.value[0].text;
  const refs = configRefs.ok ? (configRefs.value ?? []) : [];
  if (!configRefs.ok) ctx.problems.push({ section: 'configurations', message: configRefs.message });
  // Until details arrive, show the attached configurations by their device names.
  ctx.configurations = refs.map((c) =>
    toConfigurationView({ id: c.id, deviceIdentifier: c.deviceIdentifier }),
  );
  opts.onPartial?.(structuredClone(ctx));

  // What this ticket's second wave would bring, if it was seen before.
  const { companyId, contactId } = peopleOf(ticket);
  const keptCompany = companyId !== undefined ? store?.get<CwCompany>('company', companyId) : undefined;
  const keptContact = contactId !== undefined ? store?.get<CwContact>('contact', contactId) : undefined;
  const keptConfigs = refs.map((r) => store?.get<CwConfiguration>('configuration', r.id));

  const fresh = Promise.all([configsP, peopleP]).then(([configs, [company, contact]]) => {
    if (company?.ok && companyId !== undefined) store?.set('company', companyId, company.value);
    if (contact?.ok && contactId !== undefined) store?.set('contact', contactId, contact.value);
    if (configs?.ok) for (const c of configs.value ?? []) store?.set('configuration', c.id, c);
    const allKept = keptConfigs.every((c): c is CwConfiguration => c !== undefined);
    return withDetails(
      ctx,
      {
        company: orKept(company, keptCompany),
        contact: orKept(contact, keptContact),
        configs: orKept(configs, allKept && keptConfigs.length ? keptConfigs : undefined),
      },
      now(),
    );
  });

  const everythingKept =
    store !== undefined &&
    (companyId === undefined || keptCompany !== undefined) &&
    (contactId === undefined || keptContact !== undefined) &&
    keptConfigs.every((c) => c !== undefined);
  if (!everythingKept) return fresh;

  // Complete now from what was kept; the second wave checks it and reports a difference.
  const kept = withDetails(
    ctx,
    {
      company: keptCompany && { ok: true, value: keptCompany },
      contact: keptContact && { ok: true, value: keptContact },
      configs: refs.length ? { ok: true, value: keptConfigs as CwConfiguration[] } : undefined,
    },
    now(),
  );
  const check = fresh.then(
    (checked) => {
      if (!sameContext(checked, kept)) opts.onRevalidated?.(checked);
    },
    () => undefined,
  );
  opts.onCheck?.(check);
  return kept;
}
