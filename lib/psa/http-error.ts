// What a PSA's HTTP failure carries whatever the PSA (lib/cw/errors.ts, lib/autotask/errors.ts): a kind
// with a technician-readable message, the status, how long to wait, whether a write may have landed,
// and whether retrying can help. Each PSA adds its own details (CW's field errors, Autotask's texts).

/** The plain-object fields every PSA error shares (safe to send in a message reply). */
export interface PsaErrorInfoBase<K extends string> {
  kind: K;
  message: string;
  status?: number;
  retryAfterSec?: number;
  retryable: boolean;
  /** The request may have been applied (timeout/reset after sending a write). */
  outcomeUnknown?: boolean;
}

export type PsaErrorExtra = { status?: number; retryAfterSec?: number; outcomeUnknown?: boolean };

export abstract class PsaHttpError<K extends string> extends Error {
  readonly kind: K;
  readonly status?: number;
  readonly retryAfterSec?: number;
  readonly outcomeUnknown?: boolean;

  protected constructor(kind: K, message: string, extra: PsaErrorExtra) {
    super(message);
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterSec = extra.retryAfterSec;
    this.outcomeUnknown = extra.outcomeUnknown;
  }

  /** The kinds a retry can cure, per PSA. */
  protected abstract get retryableKinds(): ReadonlySet<K>;

  get retryable(): boolean {
    return this.retryableKinds.has(this.kind);
  }

  /** The shared fields; each PSA's toInfo() adds its own. */
  protected baseInfo(): PsaErrorInfoBase<K> {
    const info: PsaErrorInfoBase<K> = { kind: this.kind, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) info.status = this.status;
    if (this.retryAfterSec !== undefined) info.retryAfterSec = this.retryAfterSec;
    if (this.outcomeUnknown) info.outcomeUnknown = true;
    return info;
  }
}
