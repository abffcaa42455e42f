import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsInt, Matches, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { requestSubject } from '../subjects.js';
import type { Tier } from '../identity/identity.messages.js';

const UNIT_CODE = /^\d{12}$/;
const ITEM_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export const RoutingSubjects = {
  plan: requestSubject('routing', 'plan'),
  validateForward: requestSubject('routing', 'validate-forward'),
  getDelegation: requestSubject('routing', 'get-delegation'),
  setDelegation: requestSubject('routing', 'set-delegation'),
  listDelegations: requestSubject('routing', 'list-delegations'),
} as const;

export class PlanRequest {
  @Matches(ITEM_CODE, { message: 'itemCode is not a service item code' }) itemCode!: string;
  @Matches(UNIT_CODE, { message: 'originUnitCode must be a 12-digit unit code' }) originUnitCode!: string;
  /** The item version to plan for (a case pins it); default: the current one. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) itemVersion?: number;
}

export interface RoutePlan {
  itemCode: string;
  itemVersion: number;
  itemTier: Tier;
  originUnitCode: string;
  handlingUnitCode: string;
  /** Units from the origin up to the handling unit; intermediate ones relay automatically. */
  route: string[];
  /** The materialized path of each unit of the route, in the same order (what scope checks compare). */
  routePaths: string[];
  /** Handled at a town because of a delegation rule (赋权乡镇). */
  delegated: boolean;
  /** Units the plan passed over because they are out of service. */
  skipped: string[];
}

export class ForwardCheckRequest {
  @Matches(ITEM_CODE, { message: 'itemCode is not a service item code' }) itemCode!: string;
  @Matches(UNIT_CODE, { message: 'toUnitCode must be a 12-digit unit code' }) toUnitCode!: string;
}

export interface ForwardCheck {
  toUnitCode: string;
  /** The target's materialized path (the case becomes visible from there). */
  path: string;
  /** The route from the current unit to the target is the caller's business; this says the target may handle the item. */
  ok: true;
}

export class DelegationParam {
  @Matches(ITEM_CODE, { message: 'itemCode is not a service item code' }) itemCode!: string;
}

/** The towns (赋权乡镇) an item is delegated to: it is handled there instead of at the district. */
export class SetDelegationRequest extends DelegationParam {
  @IsArray() @ArrayUnique() @ArrayMaxSize(100) @Matches(UNIT_CODE, { each: true, message: 'each town must be a 12-digit unit code' }) towns!: string[];
}

export interface Delegation {
  itemCode: string;
  towns: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}
