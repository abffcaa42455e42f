import { IdentityEvents, type ListUnitsQuery, type OrgUnitView, type Page, type UpdateUnitRequest } from '@app/contracts';
import { authorize, notFound, UnitScope, type Caller } from '@app/auth';
import { AuditRepository } from '../audit/audit.repository.js';
import { actorOf } from '../users/users.service.js';
import { OutboxWriter } from '@app/messaging';
import { CursorCodec } from '@app/persistence';
import { LOGGER } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { buildHechuanUnits } from './hechuan-seed.js';
import { UnitsRepository } from './units.repository.js';

@Injectable()
export class UnitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitsRepository,
    private readonly outbox: OutboxWriter,
    private readonly cursors: CursorCodec,
    private readonly audit: AuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: writes (and announces) only units that are new or changed. */
  async seed(): Promise<void> {
    const changed = await this.ds.transaction(async (m) => {
      const rows = await this.units.upsert(m, buildHechuanUnits());
      for (const { inserted, ...unit } of rows) {
        await this.outbox.append(m, inserted ? IdentityEvents.unitCreated(unit.code) : IdentityEvents.unitUpdated(unit.code), unit);
      }
      return rows.length;
    });
    this.logger.info(changed ? `org units: ${changed} created or updated` : 'org units: up to date');
  }

  async get(code: string): Promise<OrgUnitView> {
    const unit = await this.units.get(code);
    if (!unit) throw notFound(`Org unit ${code}`);
    return unit;
  }

  async update(caller: Caller, req: UpdateUnitRequest): Promise<OrgUnitView> {
    const unit = await this.units.findInScope(UnitScope.of(caller), req.code);
    if (!unit) throw notFound(`Org unit ${req.code}`);
    authorize(caller);
    return this.ds.transaction(async (m) => {
      const updated = await this.units.update(m, req.code, { name: req.name, active: req.active });
      await this.outbox.append(m, IdentityEvents.unitUpdated(updated.code), updated);
      await this.audit.append(m, { actor: actorOf(caller), action: 'unit.updated', targetType: 'unit', targetId: unit.code, scopePath: unit.path, details: { name: req.name, active: req.active } });
      return updated;
    });
  }

  async list(q: ListUnitsQuery): Promise<Page<OrgUnitView>> {
    const limit = q.limit ?? 50;
    const binding = `units|${q.parent ?? ''}|${q.tier ?? ''}`;
    const rows = await this.units.list({ parent: q.parent, tier: q.tier }, this.cursors.after<string>(q.cursor, binding), limit + 1);
    return this.cursors.page(rows, limit, binding, (r) => r.code);
  }
}
