// Autotask error answers: {"errors": ["message", …]} — an array of strings (APG, DJA, PAUL). Validation
// failures are HTTP 500, not 400 (docs/reference/autotask-api.md §2, §8); only a bad secret gives 401.

export class AtApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.join(' '));
  }
}

export const atError = (status: number, ...errors: string[]) => new AtApiError(status, errors);

/** A business-rule or validation failure, answered the way Autotask does: 500 with the text. */
export const invalid = (message: string) => new AtApiError(500, [message]);

export const missingField = (field: string) => invalid(`Missing Required Field: ${field}`);

export const notFound = (what: string) => new AtApiError(404, [`${what} was not found.`]);

export const ZONE_UNKNOWN = 'Zone information could not be determined';
export const BAD_INTEGRATION_CODE = 'IntegrationCode is invalid.';

// Wording of the two limit errors is UNCONFIRMED beyond the fragments integrations match on
// ("Itgenatr005", "thread threshold … exceeded"; N8N retryHandler.ts, PR #107).
export const THREAD_LIMIT_MESSAGE =
  'Thread Threshold Exceeded: the Autotask API thread threshold of 3 threads has been exceeded for this integration and endpoint. (Itgenatr005)';
export const thresholdMessage = (limit: number) =>
  `API request threshold exceeded: more than ${limit} requests in the last 60 minutes. Requests are refused until usage drops.`;

/** Body of a fault rule that gives only a status. */
export function defaultFaultErrors(status: number): string[] {
  switch (status) {
    case 401:
      return [];
    case 403:
      return ['The logged in Resource does not have the adequate permissions to perform this action.'];
    case 404:
      return ['The requested object was not found.'];
    case 405:
      return ['The requested resource does not support this http method.'];
    case 429:
      return ['Rate limit exceeded. Too many requests.'];
    case 503:
      return ['The service is temporarily unavailable.'];
    default:
      return ['An error has occurred. Please try again.'];
  }
}
