import { notFound, type UnitScope } from '@app/auth';
import { DomainError, ErrorCode, IdentitySubjects, type OrgUnitView } from '@app/contracts';
import type { BusClient } from '@app/messaging';

/**
 * The path of a `?unitCode=` filter, asked of identity: an unknown unit, or one outside the
 * caller's scope, is 404 alike; identity being unreachable stays what it is (503), not a 404.
 */
export async function unitPathInScope(bus: BusClient, scope: UnitScope, unitCode: string | undefined): Promise<string | undefined> {
  if (!unitCode) return undefined;
  const unit = await bus.request<OrgUnitView>(IdentitySubjects.getUnit, { code: unitCode }).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === ErrorCode.NotFound) return undefined;
    throw err;
  });
  if (!unit || !scope.covers(unit.path)) throw notFound(`Org unit ${unitCode}`);
  return unit.path;
}
