import { authorize, type Caller } from '@app/auth';
import { DomainError, ErrorCode, type Delegation, type ForwardCheck, type ForwardCheckRequest, type PlanRequest, type RoutePlan, type SetDelegationRequest } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DelegationRepository } from './delegation/delegation.repository.js';
import { planRoute } from './planning/plan-route.js';
import { ReadModelsRepository, type ItemVersionCopy } from './read-models/read-models.repository.js';

const unprocessable = (message: string, field?: string) => new DomainError(ErrorCode.Unprocessable, message, field ? { fields: [{ field, message }] } : undefined);

/** Jurisdiction: which center handles an item for an origin, by which route; which centers may take a forwarded case. */
@Injectable()
export class RoutingService {
  constructor(
    private readonly ds: DataSource,
    private readonly models: ReadModelsRepository,
    private readonly delegations: DelegationRepository,
  ) {}

  async plan(req: PlanRequest): Promise<RoutePlan> {
    const item = await this.item(req.itemCode, req.itemVersion);
    if (!req.itemVersion && item.status !== 'published') throw unprocessable(`Service item ${req.itemCode} is ${item.status}: no new cases`, 'itemCode');
    const origin = await this.models.unit(req.originUnitCode);
    if (!origin) throw new DomainError(ErrorCode.NotFound, `Org unit ${req.originUnitCode} was not found`);
    const chain = await this.models.unitsOnPath(origin.path);
    const outcome = planRoute({ itemTier: item.tier, chain, delegatedTowns: new Set(await this.delegations.towns(item.code)) });
    if (!outcome.ok) throw unprocessable(outcome.reason, 'originUnitCode');
    const pathOf = new Map(chain.map((u) => [u.code, u.path]));
    const { ok: _ok, ...plan } = outcome;
    return { itemCode: item.code, itemVersion: item.version, itemTier: item.tier, originUnitCode: origin.code, ...plan, routePaths: plan.route.map((c) => pathOf.get(c)!) };
  }

  async checkForward(req: ForwardCheckRequest): Promise<ForwardCheck> {
    const item = await this.item(req.itemCode);
    const target = await this.models.unit(req.toUnitCode);
    if (!target) throw new DomainError(ErrorCode.NotFound, `Org unit ${req.toUnitCode} was not found`);
    if (!target.active) throw unprocessable(`${target.name} (${target.code}) is out of service`, 'toUnitCode');
    const delegated = item.tier === 'district' && target.tier === 'town' && (await this.delegations.towns(item.code)).includes(target.code);
    if (target.tier !== item.tier && !delegated) throw unprocessable(`${target.name} (${target.code}) has no authority for ${item.code}: it is a ${item.tier}-tier item`, 'toUnitCode');
    return { toUnitCode: target.code, path: target.path, ok: true };
  }

  async delegation(itemCode: string): Promise<Delegation> {
    return this.delegations.get(itemCode);
  }

  list() {
    return this.delegations.list();
  }

  /** Admin-managed and audited; only district items can be delegated, and only to towns. */
  async setDelegation(caller: Caller, req: SetDelegationRequest): Promise<Delegation> {
    authorize(caller);
    if (caller.unitPath.includes('.')) throw new DomainError(ErrorCode.Forbidden, 'Delegation rules are set by the district’s admins');
    const item = await this.item(req.itemCode);
    if (item.tier !== 'district') throw unprocessable(`${req.itemCode} is a ${item.tier}-tier item: only district items are delegated to towns`, 'itemCode');
    for (const [i, code] of req.towns.entries()) {
      const unit = await this.models.unit(code);
      if (!unit || unit.tier !== 'town') throw new DomainError(ErrorCode.ValidationFailed, 'Delegation goes to towns', { fields: [{ field: `towns[${i}]`, message: `${code} is not a town or street` }] });
    }
    const actor = caller.username ? `user:${caller.username}` : `client:${caller.subject}`;
    await this.ds.transaction((m) => this.delegations.replace(m, req.itemCode, req.towns, actor));
    return this.delegations.get(req.itemCode);
  }

  private async item(code: string, version?: number): Promise<ItemVersionCopy> {
    const item = await this.models.itemVersion(code, version);
    if (!item) throw new DomainError(ErrorCode.NotFound, `Service item ${code}${version ? ` version ${version}` : ''} was not found`, { itemCode: code, ...(version ? { itemVersion: version } : {}) });
    return item;
  }
}
