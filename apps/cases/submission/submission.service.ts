import { authorizeRoleOrScope, UnitScope, type Caller } from '@app/auth';
import {
  CatalogueSubjects,
  DomainError,
  ErrorCode,
  RoutingSubjects,
  maskIdNumber,
  normalizeIdNumber,
  caseEventSubject,
  type CaseEventData,
  type CaseView,
  type RoutePlan,
  type ServiceItemView,
  type SubmitCaseCommand,
  type SubmitCaseReply,
} from '@app/contracts';
import { BusClient, OutboxWriter } from '@app/messaging';
import { canonicalJson } from '@app/runtime';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { toShanghaiDate } from '../calendar/working-calendar.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import { caseView } from '../case-view.js';
import { IdNumberProtector } from '../personal-data/protect.js';
import { formatTrackingNumber, newQueryCode } from '../tracking/tracking-number.js';

const invalid = (field: string, message: string) => new DomainError(ErrorCode.ValidationFailed, 'The request is not valid', { fields: [{ field, message }] });

/**
 * Filing a case: by a village agent for a resident (proxy-eligible items, with the resident's
 * consent), at a window, or by a partner system. Idempotent per caller and Idempotency-Key: the
 * key, the request's fingerprint and the answer are stored with the case in one transaction.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesRepository,
    private readonly bus: BusClient,
    private readonly outbox: OutboxWriter,
    private readonly protector: IdNumberProtector,
  ) {}

  async submit(caller: Caller, cmd: SubmitCaseCommand): Promise<SubmitCaseReply> {
    const channel = channelOf(caller);
    const { idempotencyKey, ...request } = cmd;
    const fingerprint = createHash('sha256').update(canonicalJson(request)).digest('hex');
    const callerKey = `${caller.kind}:${caller.subject}`;
    const replay = (earlier: { fingerprint: string; response: CaseView }): SubmitCaseReply => {
      if (earlier.fingerprint !== fingerprint) throw new DomainError(ErrorCode.Unprocessable, 'This Idempotency-Key was used for a different request');
      return { case: earlier.response, replayed: true };
    };
    // A retry is answered from the stored answer, without asking other services.
    const stored = await this.cases.idempotent(this.ds.manager, callerKey, idempotencyKey);
    if (stored) return replay(stored);
    // What the case needs from the catalogue and routing is asked before the transaction, so that no
    // connection, advisory lock or day-sequence row lock is held while waiting on the bus.
    const origin = cmd.originUnitCode ?? caller.unitCode;
    const item = await this.bus.request<ServiceItemView>(CatalogueSubjects.getItem, { code: cmd.itemCode });
    if (channel === 'agent') {
      if (!item.proxyEligible) throw new DomainError(ErrorCode.Unprocessable, `${item.name} cannot be filed by a village agent`, { fields: [{ field: 'itemCode', message: 'not proxy-eligible' }] });
      if (!cmd.proxy?.consent) throw invalid('proxy.consent', "an agent files with the resident's recorded consent");
    }
    cmd.materials.forEach((mat, i) => {
      if (!item.materials.some((x) => x.code === mat.code)) throw invalid(`materials[${i}].code`, `${mat.code} is not a material of ${item.code}`);
    });
    const plan = await this.bus.request<RoutePlan>(RoutingSubjects.plan, { itemCode: item.code, originUnitCode: origin, itemVersion: item.version }).catch((err: unknown) => {
      // The catalogue has just answered with this version: routing not knowing it means its copy
      // is behind (the catalogue's events are on their way, e.g. right after publishing or while
      // JetStream is away), which a retry cures; not an unknown item.
      if (err instanceof DomainError && err.code === ErrorCode.NotFound && err.details?.itemCode === item.code) {
        throw new DomainError(ErrorCode.ServiceUnavailable, `Routing has not yet received ${item.code} version ${item.version} from the catalogue; try again shortly`, { service: 'routing', itemCode: item.code, itemVersion: item.version });
      }
      throw err;
    });
    // The origin must be in the caller's subtree (out of scope reads as an unknown unit); staff and agents file at their own unit.
    if (!UnitScope.of(caller).covers(plan.routePaths[0])) throw new DomainError(ErrorCode.NotFound, `Org unit ${origin} was not found`);
    if (caller.kind === 'user' && origin !== caller.unitCode) throw invalid('originUnitCode', 'staff and agents file cases at their own unit');

    // The day's number comes from its own one-statement transaction: the sequence row of the county
    // and day is locked for that statement only, not for the whole submission (with the lock in the
    // case's transaction, every submission of the county queued behind the one before). A
    // submission that fails after this leaves a gap in the day's numbers; numbers stay unique.
    const day = toShanghaiDate(new Date());
    const seq = await this.cases.nextSequence(this.ds.manager, origin.slice(0, 6), day);

    return this.ds.transaction(async (m) => {
      const [lock] = await m.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`idem:${callerKey}:${idempotencyKey}`]);
      if (!lock.ok) throw new DomainError(ErrorCode.Conflict, 'A request with this Idempotency-Key is still being processed');
      // A twin that committed since the first look wins: its answer is the answer.
      const earlier = await this.cases.idempotent(m, callerKey, idempotencyKey);
      if (earlier) return replay(earlier);

      const id = randomUUID();
      const idNumber = normalizeIdNumber(cmd.applicant.idNumber);
      const arrivedAtOnce = plan.route.length === 1;
      await this.cases.insert(
        m,
        {
          id,
          trackingNo: formatTrackingNumber(origin.slice(0, 6), day, seq),
          queryCode: newQueryCode(),
          status: arrivedAtOnce ? 'arrived' : 'in_transit',
          itemCode: item.code,
          itemVersion: item.version,
          itemName: item.name,
          promisedDays: item.promisedDays,
          legalDays: item.legalDays,
          originUnitCode: origin,
          handlingUnitCode: plan.handlingUnitCode,
          currentUnitCode: origin,
          route: plan.route,
          channel,
          submittedBy: callerKey,
          applicantName: cmd.applicant.name,
          applicantIdSealed: this.protector.seal(idNumber),
          applicantIdMasked: maskIdNumber(idNumber),
          applicantIdLookup: this.protector.lookupHash(idNumber),
          applicantPhoneSealed: this.protector.seal(cmd.applicant.phone),
          applicantPhoneMasked: `${cmd.applicant.phone.slice(0, 3)}****${cmd.applicant.phone.slice(-4)}`,
          materials: cmd.materials,
          proxy: cmd.proxy ?? null,
          formData: cmd.formData ?? null,
          itemMaterials: item.materials.map(({ code, name, required, deferrable }) => ({ code, name, required, deferrable })),
          itemProcedures: item.specialProcedures,
          itemParallel: item.parallel ?? null,
          originPath: plan.routePaths[0],
          itemSteps: item.steps,
        },
        plan.routePaths,
      );
      const actor = { username: caller.username ?? caller.subject, unitCode: caller.unitCode };
      const submitted = { action: 'submit', fromStatus: null, toStatus: 'submitted', unitCode: origin, actor, note: `channel: ${channel}` } as const;
      if (arrivedAtOnce) {
        await this.cases.begin(m, id, [submitted, { action: 'arrive', fromStatus: 'submitted', toStatus: 'arrived', unitCode: origin, actor: null, note: 'handled at the origin' }], null);
      } else {
        await this.cases.begin(m, id, [submitted, { action: 'send', fromStatus: 'submitted', toStatus: 'in_transit', unitCode: origin, actor: null, note: `to ${plan.route[1]}` }], {
          from: origin,
          to: plan.route[1],
          direction: 'up',
        });
      }
      const row = (await this.cases.byId(m, id))!;
      const view = caseView(row);
      await this.outbox.append(m, caseEventSubject('submitted', origin), eventData(row));
      await this.outbox.append(m, caseEventSubject(arrivedAtOnce ? 'arrived' : 'sent', origin), eventData(row));
      await this.cases.remember(m, callerKey, idempotencyKey, fingerprint, id, view);
      return { case: view, replayed: false };
    });
  }
}

function channelOf(caller: Caller): CaseView['channel'] {
  authorizeRoleOrScope(caller, 'cases:write');
  if (caller.kind === 'client') return 'partner';
  return caller.roles.includes('agent') ? 'agent' : 'window';
}

/** What other services learn of a case (the data of its events): no personal data. */
export function eventData(row: CaseRow): CaseEventData {
  const { applicant: _applicant, queryCode: _queryCode, timeline: _timeline, hops: _hops, ...rest } = caseView(row);
  return { ...rest, submittedBy: row.submittedBy, originPath: row.originPath };
}
