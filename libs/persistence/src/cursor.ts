import { DomainError, ErrorCode, type Page } from '@app/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * List cursors: opaque (base64url), tamper-proof (HMAC) and bound to who asked and for what
 * (`binding`: principal and query), so a cursor from another principal or query is refused.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret);
  }

  encode(position: unknown, binding: string): string {
    const body = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${body}.${this.mac(body, binding)}`;
  }

  decode<T>(cursor: string, binding: string): T {
    const [body, mac] = cursor.split('.');
    const expected = body ? this.mac(body, binding) : '';
    if (!body || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      throw new DomainError(ErrorCode.BadRequest, 'The cursor is not valid for this query', { fields: [{ field: 'cursor', message: 'cursor is not valid for this query' }] });
    }
    return JSON.parse(Buffer.from(body, 'base64url').toString()) as T;
  }

  /** The position a list continues after: none without a cursor. */
  after<T>(cursor: string | undefined, binding: string): T | undefined {
    return cursor ? this.decode<T>(cursor, binding) : undefined;
  }

  /** From `limit + 1` fetched rows: the first `limit`, and a cursor after the last of them when there are more. */
  page<T, K>(rows: T[], limit: number, binding: string, keyOf: (row: T) => K): Page<T> {
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? this.encode(keyOf(items[items.length - 1]), binding) : null };
  }

  private mac(body: string, binding: string): string {
    return createHmac('sha256', this.key).update(binding).update('\0').update(body).digest('base64url');
  }
}
