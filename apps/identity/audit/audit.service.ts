import { authorize, UnitScope, type Caller } from '@app/auth';
import type { AuditEntry, ListAuditQuery, Page } from '@app/contracts';
import { CursorCodec } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { AuditRepository } from './audit.repository.js';

/** Who created, changed, disabled or revoked which user, client or unit: readable by admins, within their scope. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly cursors: CursorCodec,
  ) {}

  async list(caller: Caller, q: ListAuditQuery): Promise<Page<AuditEntry>> {
    authorize(caller);
    const limit = q.limit ?? 50;
    const binding = `audit|${caller.subject}|${q.targetType ?? ''}`;
    const before = q.cursor ? this.cursors.decode<string>(q.cursor, binding) : undefined;
    const rows = await this.audit.list(UnitScope.of(caller), q.targetType, before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
      nextCursor: rows.length > limit ? this.cursors.encode(page[page.length - 1].id, binding) : null,
    };
  }
}
