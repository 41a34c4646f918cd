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

export interface LoadOptions {
  client: CwClient;
  /** `https://na.myconnectwise.net`: where people open the ticket (not the api- host). */
  webOrigin: string;
  signal?: AbortSignal;
  /** Called with the context after wave 1, before the details arrive. */
  onPartial?: (ctx: TicketContext) => void;
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

export async function loadTicketContext(ref: TicketRef, opts: LoadOptions): Promise<TicketContext> {
  const { client, signal } = opts;
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
  const detailsP = refsP.then((refs) => {
    const req = refs.ok ? configurationDetailsRequest((refs.value ?? []).map((r) => r.id)) : undefined;
    return req ? section(get<CwConfiguration[]>(req)) : undefined;
  });
  const peopleP = ticketP.then((t) => {
    const base = contextFromTicket(ref, t, opts.webOrigin, now());
    const companyId = base.company?.id;
    const contactId = base.contact?.id;
    const needContact = contactId !== undefined && (!base.contact?.email || !base.contact?.phone);
    return Promise.all([
      companyId !== undefined ? section(get<CwCompany>(companyRequest(companyId))) : undefined,
      needContact ? section(get<CwContact>(contactRequest(contactId))) : undefined,
    ]);
  });
  // A fatal ticket error (or a cancel) must not leave these rejecting unobserved.
  peopleP.catch(() => undefined);
  detailsP.catch(() => undefined);

  const [ticket, notes, initial, configRefs] = await Promise.all([ticketP, notesP, initialP, refsP]);
  let ctx = contextFromTicket(ref, ticket, opts.webOrigin, now());
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

  const [details, [company, contact]] = await Promise.all([detailsP, peopleP]);
  if (details?.ok) {
    const byId = new Map((details.value ?? []).map((c) => [c.id, c]));
    // Keep the ticket's order; a configuration the API member can't read keeps its device name.
    ctx.configurations = ctx.configurations.map((c) => {
      const d = byId.get(c.id);
      return d ? toConfigurationView(d) : c;
    });
  } else if (details) ctx.problems.push({ section: 'configurations', message: details.message });
  if (company?.ok) ctx = withCompanyDetails(ctx, company.value);
  else if (company) ctx.problems.push({ section: 'company', message: company.message });
  if (contact?.ok) ctx = withContactDetails(ctx, contact.value);
  else if (contact) ctx.problems.push({ section: 'contact', message: contact.message });
  ctx.fetchedAt = now();
  return ctx;
}
