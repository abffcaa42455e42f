import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * True for database failures that a retry may cure: the server is down, restarting or cutting
 * connections, the pool could not connect in time, or PostgreSQL asked for a retry (serialization
 * failure, deadlock). Callers answer these with 503 (retryable), not 500.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now; 53300: too many connections;
      // 40001/40P01: serialization failure, deadlock.
      if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300' || code === '40001' || code === '40P01') return true;
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
    }
    // The connection went while a transaction ran: TypeORM's query runner releases itself on the
    // client's `error` event, and the next statement (often the COMMIT, which then never reached
    // the server: the transaction is rolled back) throws one of these.
    if (e instanceof QueryRunnerAlreadyReleasedError || e instanceof QueryRunnerProviderAlreadyReleasedError) return true;
    if (typeof message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i.test(message)) return true;
    // TypeORM's QueryFailedError keeps pg's error as driverError.
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
