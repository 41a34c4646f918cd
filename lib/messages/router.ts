import { toErrorInfo } from '../errors';
import { type Direction, Envelope, type Reply } from './protocol';
import { type MessageType, type ParsedReq, protocol, type Res } from './registry';
import { classifySender, type SenderLike } from './sender';

export interface HandlerContext {
  sender: { kind: 'extensionPage' | 'contentScript'; url: string; tabId?: number };
}

export type Handlers<D extends Direction> = {
  [T in MessageType<D>]?: (payload: ParsedReq<D, T>, ctx: HandlerContext) => Promise<Res<D, T>>;
};

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  /** Is this page URL a ConnectWise site the panel may run on (cloud, registered on-prem, e2e loopback)? */
  isCwPageUrl: (url: string) => boolean | Promise<boolean>;
  handlers: { [D in Direction]: Handlers<D> };
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
    if (sender.kind === 'foreign')
      return fail('forbiddenSender', 'Messages are only accepted from FlowPilot itself.');
    if (sender.kind === 'contentScript') {
      if (dir !== 'panelToBg') return fail('forbiddenSender', 'The panel may not send this message.');
      if (sender.frameId !== 0) return fail('forbiddenSender', 'FlowPilot runs in the top frame only.');
      if (!(await deps.isCwPageUrl(sender.url))) {
        return fail('forbiddenSender', 'FlowPilot only answers panels on ConnectWise pages.');
      }
    }

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
      const data = await handler(parsed.data, {
        sender:
          sender.kind === 'contentScript'
            ? { kind: sender.kind, url: sender.url, tabId: sender.tabId }
            : sender,
      });
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
