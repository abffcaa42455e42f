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
    const rows = await this.audit.list(UnitScope.of(caller), q.targetType, this.cursors.after<string>(q.cursor, binding), limit + 1);
    const page = this.cursors.page(rows, limit, binding, (r) => r.id);
    return { ...page, items: page.items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
  }
}
