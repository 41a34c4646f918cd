import type { ErrorInfo } from './messages/protocol';

/** A product-level failure with a message meant for the user (not connected, invalid input, …). */
export class AppError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly extra: Omit<ErrorInfo, 'kind' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toInfo(): ErrorInfo {
    return { kind: this.kind, message: this.message, ...this.extra };
  }
}

function hasToInfo(e: unknown): e is { toInfo(): ErrorInfo } {
  return typeof e === 'object' && e !== null && typeof (e as { toInfo?: unknown }).toInfo === 'function';
}

/** Any thrown value as a reply error: typed errors keep their message, the rest get a plain one. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (hasToInfo(e)) return e.toInfo();
  const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
  return {
    kind: 'internal',
    message: `FlowPilot hit an unexpected problem${detail}. Try again; if it persists, reload the extension.`,
  };
}
