import { z } from '../platform/zod';

// The message protocol, declared once and shared by both ends. Messages are named by direction
// (who sends, who receives): optionsToBg (options page), panelToBg (the panel frame), pageToBg (the
// content script on CW's page: detection only), bgToPages / bgToPanel / bgToPage (pushes). Requests are
// validated with zod in the background router; the pages import only *types* from here, so zod stays
// out of them.

export interface MessageSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  req: Req;
  res: Res;
}

export function message<Req extends z.ZodType, Res extends z.ZodType>(
  req: Req,
  res: Res,
): MessageSpec<Req, Res> {
  return { req, res };
}

export const Directions = ['optionsToBg', 'panelToBg', 'pageToBg'] as const;
export type Direction = (typeof Directions)[number];

export const Envelope = z.object({
  dir: z.enum(Directions),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

/** Error kinds a reply can carry: CW failures plus the router's own. */
export interface ErrorInfo {
  kind: string;
  message: string;
  status?: number;
  cwCode?: string;
  fieldErrors?: { field?: string; code?: string; message: string }[];
  retryAfterSec?: number;
  retryable?: boolean;
  outcomeUnknown?: boolean;
  /** For 'invalidMessage': which payload fields were wrong. */
  issues?: string[];
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };
