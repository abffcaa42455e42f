import { ErrorCode, type FieldProblem } from '@app/contracts';

/** RFC 9457 problem details as the gateway sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  fields?: FieldProblem[];
  errorId?: string;
  [extension: string]: unknown;
}

function assertUnreachable(x: never): never {
  throw new Error(`unmapped error code ${String(x)}`);
}

/** The one mapping from domain error codes to HTTP (DESIGN §7). Exhaustive: a new code does not compile until mapped. */
export function statusOf(code: ErrorCode): { status: number; title: string } {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return { status: 400, title: 'Validation failed' };
    case ErrorCode.BadRequest:
      return { status: 400, title: 'Bad request' };
    case ErrorCode.Unauthenticated:
      return { status: 401, title: 'Unauthenticated' };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ErrorCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case ErrorCode.PreconditionFailed:
      return { status: 412, title: 'Precondition failed' };
    case ErrorCode.Unprocessable:
      return { status: 422, title: 'Unprocessable content' };
    case ErrorCode.PreconditionRequired:
      return { status: 428, title: 'Precondition required' };
    case ErrorCode.AccountLocked:
      return { status: 423, title: 'Account locked' };
    case ErrorCode.RateLimited:
      return { status: 429, title: 'Too many requests' };
    case ErrorCode.Internal:
      return { status: 500, title: 'Internal error' };
    case ErrorCode.ServiceUnavailable:
      return { status: 503, title: 'Service unavailable' };
    default:
      return assertUnreachable(code);
  }
}

/** For errors raised by the HTTP layer itself (unknown route, bad JSON, wrong method...). */
export function codeOfStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: ErrorCode.BadRequest,
    401: ErrorCode.Unauthenticated,
    403: ErrorCode.Forbidden,
    404: ErrorCode.NotFound,
    409: ErrorCode.Conflict,
    412: ErrorCode.PreconditionFailed,
    422: ErrorCode.Unprocessable,
    423: ErrorCode.AccountLocked,
    428: ErrorCode.PreconditionRequired,
    429: ErrorCode.RateLimited,
    503: ErrorCode.ServiceUnavailable,
  };
  return byStatus[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
}

export function problemType(code: ErrorCode): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
