/**
 * Machine error codes that cross the bus and come out of the gateway as problem+json `code`.
 * The gateway maps every code to an HTTP status in one exhaustive switch.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PreconditionRequired = 'PRECONDITION_REQUIRED',
  PreconditionFailed = 'PRECONDITION_FAILED',
  Unprocessable = 'UNPROCESSABLE',
  AccountLocked = 'ACCOUNT_LOCKED',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** What an error looks like on the bus. */
export interface BusErrorPayload {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldProblem[]; errorId?: string; [key: string]: unknown };
}

const CODES = new Set<string>(Object.values(ErrorCode));

export function isBusErrorPayload(value: unknown): value is BusErrorPayload {
  return typeof value === 'object' && value !== null && CODES.has((value as BusErrorPayload).code) && typeof (value as BusErrorPayload).message === 'string';
}

/** A typed error a handler throws; it crosses the bus as its payload. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: BusErrorPayload['details'],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toPayload(): BusErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static from(payload: BusErrorPayload): DomainError {
    return new DomainError(payload.code, payload.message, payload.details);
  }
}
