import type { Tier } from '@app/contracts';
import type { UnitCopy } from '../read-models/read-models.repository.js';

export interface PlanInput {
  itemTier: Tier;
  /** The origin's ancestors and the origin itself, root (district) first. */
  chain: UnitCopy[];
  /** Towns the item is delegated to (赋权乡镇). */
  delegatedTowns: ReadonlySet<string>;
}

export type PlanOutcome =
  | { ok: true; handlingUnitCode: string; route: string[]; delegated: boolean; skipped: string[] }
  | { ok: false; reason: string };

/**
 * DESIGN §5: the handling unit is the origin's ancestor at the item's tier (the origin itself for
 * a village item, or when the origin sits above the item's tier); a delegation rule moves a
 * district item to the origin's town; a unit out of service is skipped upward, and an
 * intermediate one is left out of the route.
 */
export function planRoute({ itemTier, chain, delegatedTowns }: PlanInput): PlanOutcome {
  const originIndex = chain.length - 1;
  if (originIndex < 0) return { ok: false, reason: 'the origin unit is unknown' };
  const town = chain.find((u) => u.tier === 'town');
  const delegated = itemTier === 'district' && town !== undefined && delegatedTowns.has(town.code);
  const tierIndex = chain.findIndex((u) => u.tier === (delegated ? 'town' : itemTier));
  let handling = tierIndex === -1 ? originIndex : tierIndex;
  const skipped: string[] = [];
  while (handling >= 0 && !chain[handling].active) skipped.push(chain[handling--].code);
  if (handling < 0) return { ok: false, reason: 'no unit in service has authority for this item on the origin’s branch' };
  const route = [chain[originIndex].code];
  for (let i = originIndex - 1; i >= handling; i--) {
    if (i === handling || chain[i].active) route.push(chain[i].code);
    else if (!skipped.includes(chain[i].code)) skipped.push(chain[i].code);
  }
  return { ok: true, handlingUnitCode: chain[handling].code, route, delegated: delegated && !skipped.includes(town!.code), skipped };
}
