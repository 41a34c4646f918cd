import { toErrorInfo } from '../errors';
import { type Direction, Envelope, type Reply } from './protocol';
import { type MessageType, type ParsedReq, protocol, type Res } from './registry';
import { classifySender, type SenderKind, type SenderLike } from './sender';

export interface HandlerContext {
  /** tabId/frameId: where the panel frame or content script that asked lives (for pushes back). */
  sender: {
    kind: 'extensionPage' | 'panelFrame' | 'contentScript';
    url: string;
    tabId?: number;
    frameId?: number;
    /** The panel frame's own URL (panel.html?dock=… on Autotask), for pairing it with its dock. */
    frameUrl?: string;
  };
}

export type Handlers<D extends Direction> = {
  [T in MessageType<D>]?: (payload: ParsedReq<D, T>, ctx: HandlerContext) => Promise<Res<D, T>>;
};

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  /**
   * May a panel run on this page? The connected CW site and its region's hosts; while nothing is
   * connected, any CW site the extension serves (cloud, registered on-prem, e2e loopback).
   */
  isPanelHost: (pageUrl: string) => boolean | Promise<boolean>;
  /**
   * May a content script in a sub-frame of this page report? Only on the connected Autotask's pages
   * (its shell shows the ticket inside an iframe); ConnectWise keeps the top-frame-only rule.
   */
  isSubFramePage?: (url: string) => boolean | Promise<boolean>;
  handlers: { [D in Direction]: Handlers<D> };
}

const OTHER_SITE =
  'FlowPilot works only on the ConnectWise site it is connected to; this page is on another site.';

function handlerSender(s: Exclude<SenderKind, { kind: 'foreign' }>): HandlerContext['sender'] {
  if (s.kind === 'extensionPage') return s;
  return {
    kind: s.kind,
    url: s.kind === 'panelFrame' ? s.pageUrl : s.url,
    tabId: s.tabId,
    frameId: s.frameId,
    ...(s.kind === 'panelFrame' ? { frameUrl: s.url } : {}),
  };
}

const fail = (kind: string, message: string, issues?: string[]): Reply<never> => ({
  ok: false,
  error: issues ? { kind, message, issues } : { kind, message },
});

/**
 * Validates envelope, sender and payload, then runs the handler. Always resolves to a Reply, so a
 * failing handler never surfaces as an unhandled rejection or an "[object Object]" in the UI.
 */
export function createRouter(deps: RouterDeps) {
  return async function route(raw: unknown, senderLike: SenderLike): Promise<Reply<unknown>> {
    const env = Envelope.safeParse(raw);
    if (!env.success) return fail('invalidMessage', 'FlowPilot received a malformed message.');
    const { dir, type, payload } = env.data;

    const sender = classifySender(senderLike, deps.extensionId, deps.extensionOrigin);
    // Who may send what: the options page everything it needs (it is our own top-level page), the panel
    // frame only panel messages, the content script only its detection reports.
    if (sender.kind === 'foreign')
      return fail('forbiddenSender', 'Messages are only accepted from FlowPilot itself.');
    if (sender.kind === 'panelFrame') {
      if (dir !== 'panelToBg') return fail('forbiddenSender', 'The panel may not send this message.');
      if (!(await deps.isPanelHost(sender.pageUrl))) return fail('forbiddenSender', OTHER_SITE);
    }
    if (sender.kind === 'contentScript') {
      if (dir !== 'pageToBg')
        return fail('forbiddenSender', 'The ConnectWise page may only report its ticket.');
      if (sender.frameId !== 0 && !(await deps.isSubFramePage?.(sender.url)))
        return fail('forbiddenSender', 'FlowPilot runs in the top frame only.');
      if (!(await deps.isPanelHost(sender.url))) return fail('forbiddenSender', OTHER_SITE);
    }
    if (sender.kind === 'extensionPage' && dir === 'pageToBg')
      return fail('forbiddenSender', 'Only the ConnectWise page reports its ticket.');

    const specs = protocol[dir] as Record<string, { req: { safeParse(v: unknown): SafeParse } }>;
    const spec = specs[type];
    const handler = (deps.handlers[dir] as Record<string, Handler | undefined>)[type];
    if (!spec || !handler) return fail('invalidMessage', `Unknown message "${type}".`);

    const parsed = spec.req.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
      return fail('invalidMessage', issues[0] ?? 'Invalid request.', issues);
    }
    try {
      const data = await handler(parsed.data, { sender: handlerSender(sender) });
      return { ok: true, data };
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) };
    }
  };
}

type SafeParse =
  | { success: true; data: unknown }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
type Handler = (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
