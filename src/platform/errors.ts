// One closed set of error codes, mapped to HTTP in this one place. Handlers throw AppError;
// the HTTP layer turns it into application/problem+json.

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  /** Two platform events overlap in dates and categories (campaigns). */
  campaign_overlap: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string, field?: string) => new AppError('not_found', `${what} not found`, field);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);
export const invalid = (field: string, message: string) => new AppError('validation_failed', message, field, [{ field, message }]);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, field);
