// CW error bodies: ErrorResponseMessage {code, message, errors?: ValidationError[]}.
export interface ValidationError {
  code: string;
  message: string;
  resource: string;
  field: string;
}

export interface ErrorBody {
  code?: string;
  message: string;
  errors?: ValidationError[];
  error?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export const notFound = (message: string) => new ApiError(404, { code: 'NotFound', message });

export const forbidden = (message: string) => new ApiError(403, { code: 'Forbidden', message });

/** 400 InvalidObject with per-field errors, e.g. "serviceNote object is invalid". */
export function invalidObject(resource: string, field: string, code: string, message: string): ApiError {
  return new ApiError(400, {
    code: 'InvalidObject',
    message: `${resource} object is invalid`,
    errors: [{ code, message, resource, field }],
  });
}

export const UNAUTHORIZED: ErrorBody = {
  code: 'Unauthorized',
  message: 'Authentication failed. Check your company ID, public key and private key.',
};

export function tooManyRequests(seconds: number): ApiError {
  // Note: the 429 body uses `error`, not `code` (DG "Rate limiting").
  return new ApiError(
    429,
    { error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${seconds} seconds.` },
    { 'Retry-After': String(seconds) },
  );
}

/** Default body of a fault rule that gives only a status. */
export function defaultErrorBody(status: number, retryAfter = 30): ErrorBody {
  switch (status) {
    case 400:
      return { code: 'InvalidObject', message: 'The request is invalid.' };
    case 401:
      return UNAUTHORIZED;
    case 403:
      return { code: 'Forbidden', message: 'You do not have access to this record.' };
    case 404:
      return { code: 'NotFound', message: 'The requested record was not found.' };
    case 409:
      return {
        code: 'Conflict',
        message: 'The record is being updated by another process. Please try again.',
      };
    case 429:
      return tooManyRequests(retryAfter).body;
    case 503:
      return { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' };
    default:
      return { code: 'UnexpectedError', message: 'An unexpected error occurred. Please try again.' };
  }
}
