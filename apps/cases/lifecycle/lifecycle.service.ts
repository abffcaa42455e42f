import { authorize, notFound, UnitScope, type Caller } from '@app/auth';
import {
  DomainError,
  ErrorCode,
  RoutingSubjects,
  caseEventSubject,
  type CaseAction,
  type CaseActionCommand,
  type CaseStatus,
  type CaseView,
  type ForwardCheck,
  type RateRequest,
} from '@app/contracts';
import { BusClient, OutboxWriter } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { toShanghaiDate } from '../calendar/working-calendar.js';
import { caseView } from '../case-view.js';
import { CasesRepository, type CaseChange, type CaseRow } from '../cases.repository.js';
import { eventData } from '../submission/submission.service.js';
import { sameQueryCode } from '../tracking/tracking-number.js';

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** Where the caller must stand: the handling unit (with the case there), or the origin. */
  at: 'handling' | 'origin' | 'origin-or-handling';
  /** The event's transition name: v1.cases.case.<event>.<unit>. */
  event: string;
  done: string;
}

const OPEN: readonly CaseStatus[] = ['submitted', 'in_transit', 'arrived', 'received', 'supplement_requested', 'accepted', 'suspended', 'completed'];
const RULES: Record<CaseAction, Rule> = {
  receive: { from: ['arrived'], to: 'received', at: 'handling', event: 'received', done: 'received' },
  accept: { from: ['received'], to: 'accepted', at: 'handling', event: 'accepted', done: 'accepted' },
  'request-supplement': { from: ['received'], to: 'supplement_requested', at: 'handling', event: 'supplement-requested', done: 'sent back for materials' },
  supplement: { from: ['supplement_requested'], to: 'received', at: 'origin', event: 'supplemented', done: 'supplemented' },
  reject: { from: ['received'], to: 'rejected', at: 'handling', event: 'rejected', done: 'rejected' },
  forward: { from: ['arrived', 'received'], to: 'in_transit', at: 'handling', event: 'forwarded', done: 'forwarded' },
  suspend: { from: ['accepted'], to: 'suspended', at: 'handling', event: 'suspended', done: 'suspended' },
  resume: { from: ['suspended'], to: 'accepted', at: 'handling', event: 'resumed', done: 'resumed' },
  decide: { from: ['accepted'], to: 'completed', at: 'handling', event: 'completed', done: 'decided' },
  deliver: { from: ['completed'], to: 'delivered', at: 'origin', event: 'delivered', done: 'delivered' },
  withdraw: { from: OPEN, to: 'withdrawn', at: 'origin-or-handling', event: 'withdrawn', done: 'withdrawn' },
};
/** Deferred materials (容缺受理) are owed within this many working days of acceptance. */
const DEFERRED_DUE_DAYS = 5;
const JOINT_CAP_DAYS = 45;

const stale = (version: number) => new DomainError(ErrorCode.PreconditionFailed, `The case has changed since version ${version}: read it again`);
const invalid = (field: string, message: string) => new DomainError(ErrorCode.ValidationFailed, 'The request is not valid', { fields: [{ field, message }] });
const unprocessable = (field: string, message: string) => new DomainError(ErrorCode.Unprocessable, message, { fields: [{ field, message }] });

/** What an action changes besides the status, and what it writes after the update. */
interface Effect {
  set: CaseChange;
  /** When the action ends elsewhere than its rule says (a parallel decision that is not the last). */
  to?: CaseStatus;
  event?: string;
  after?: (m: EntityManager) => Promise<void>;
  /** Extra events after the transition's own (a dispatch the relay moves). */
  dispatch?: string;
  note?: string | null;
}

/**
 * The transitions of DESIGN §5: each checks scope (404), role (403), where the caller stands
 * (403), the status (409), its own rules (400/422) and the version the caller saw (412); each
 * appends to the timeline and emits `v1.cases.case.<transition>.<unitCode>` in one transaction.
 */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxWriter,
    private readonly calendar: CalendarService,
    private readonly bus: BusClient,
  ) {}

  /** 好差评: the resident rates a completed case once, with the query code; it becomes part of the case and an event. */
  async rate(req: RateRequest): Promise<{ trackingNo: string; level: number }> {
    const c = await this.cases.byTrackingNo(req.trackingNo);
    if (!c || !sameQueryCode(c.queryCode, req.code)) throw notFound(`Case ${req.trackingNo}`);
    if (c.status !== 'completed' && c.status !== 'delivered') throw new DomainError(ErrorCode.Conflict, 'Only a completed case can be rated');
    if (c.rating) throw new DomainError(ErrorCode.Conflict, 'This case has been rated already');
    const rating = { level: req.level, comment: req.comment ?? null, at: new Date().toISOString() };
    await this.ds.transaction(async (m) => {
      if (!(await this.cases.update(m, c.id, c.version, { rating }))) throw new DomainError(ErrorCode.Conflict, 'The case changed meanwhile; rate again');
      await this.cases.appendTimeline(m, c.id, { action: 'rate', fromStatus: c.status, toStatus: c.status, unitCode: c.handlingUnitCode, actor: null, note: `level ${req.level}` });
      await this.outbox.append(m, caseEventSubject('rated', c.handlingUnitCode), { id: c.id, trackingNo: c.trackingNo, handlingUnitCode: c.handlingUnitCode, itemCode: c.itemCode, ...rating });
    });
    return { trackingNo: c.trackingNo, level: req.level };
  }

  async act(caller: Caller, action: CaseAction, cmd: CaseActionCommand): Promise<CaseView> {
    const c = await this.cases.inScope(UnitScope.of(caller), cmd.id);
    if (!c) throw notFound(`Case ${cmd.id}`);
    authorize(caller);
    const rule = RULES[action];
    assertStandsWhere(caller, c, rule.at, action);
    // A stale If-Match is 412 whatever else: the caller decided on a case that has changed since.
    if (c.version !== cmd.expectedVersion) throw stale(cmd.expectedVersion);
    if (!rule.from.includes(c.status)) throw new DomainError(ErrorCode.Conflict, `A case that is ${c.status} cannot be ${rule.done}`);
    const effect = await this.effectOf(action, c, cmd);
    const unit = rule.at === 'origin' ? c.originUnitCode : caller.unitCode;
    const to = effect.to ?? rule.to;
    return this.ds.transaction(async (m) => {
      if (!(await this.cases.update(m, c.id, cmd.expectedVersion, { status: to, ...effect.set }))) throw stale(cmd.expectedVersion);
      await effect.after?.(m);
      const actor = { username: caller.username ?? caller.subject, unitCode: caller.unitCode };
      await this.cases.appendTimeline(m, c.id, { action, fromStatus: c.status, toStatus: to, unitCode: unit, actor, note: effect.note ?? cmd.reason ?? null });
      const row = (await this.cases.byId(m, c.id))!;
      await this.outbox.append(m, caseEventSubject(effect.event ?? rule.event, unit), eventData(row));
      if (effect.dispatch) await this.outbox.append(m, caseEventSubject(effect.dispatch, unit), eventData(row));
      return caseView(row);
    });
  }

  private async effectOf(action: CaseAction, c: CaseRow, cmd: CaseActionCommand): Promise<Effect> {
    const today = toShanghaiDate(new Date());
    switch (action) {
      case 'receive':
        return { set: { receivedAt: new Date().toISOString() } };
      case 'withdraw':
        return { set: {} };
      case 'reject':
        if (!cmd.reason) throw invalid('reason', 'a rejection needs its reason');
        return { set: {} };
      case 'accept': {
        const deferred = cmd.deferredMaterials ?? [];
        deferred.forEach((code, i) => {
          const mat = c.itemMaterials.find((x) => x.code === code);
          if (!mat) throw invalid(`deferredMaterials[${i}]`, `${code} is not a material of ${c.itemCode}`);
          if (!mat.deferrable) throw unprocessable(`deferredMaterials[${i}]`, `${code} cannot be deferred: the item does not allow it`);
        });
        const p = c.itemParallel;
        // Joint handling is capped (45 working days unless the item says otherwise).
        const cap = p ? (p.capDays ?? JOINT_CAP_DAYS) : Number.POSITIVE_INFINITY;
        const promised = this.calendar.deadline(today, Math.min(c.promisedDays, cap));
        const legal = this.calendar.deadline(today, Math.min(c.legalDays, cap));
        const due = this.calendar.deadline(today, DEFERRED_DUE_DAYS).deadline;
        // Each step is due when the limits of the steps up to it have run, counted from acceptance.
        let elapsed = 0;
        const stepDeadlines = c.itemSteps.map((st) => this.calendar.deadline(today, (elapsed += st.limitDays)).deadline);
        return {
          set: {
            stepDeadlines,
            acceptedAt: new Date().toISOString(),
            decisions: p ? [p.leadDepartment, ...p.coDepartments].map((department, i) => ({ department, lead: i === 0, decision: null, decidedAt: null })) : null,
            promisedDeadline: promised.deadline,
            legalDeadline: legal.deadline,
            deadlineProvisional: promised.provisional || legal.provisional,
            owedMaterials: deferred.map((code) => ({ code, due })),
          },
          note: deferred.length ? `容缺受理: ${deferred.join(', ')} owed by ${due}` : null,
        };
      }
      case 'request-supplement': {
        const missing = cmd.missing ?? [];
        if (missing.length === 0) throw invalid('missing', 'list every missing or defective material, at once');
        const seen = new Set<string>();
        const earlier = await this.cases.materialRequests(this.ds.manager, c.id);
        const round = (c.supplement?.round ?? Math.max(0, ...earlier.map((r) => r.round))) + 1;
        missing.forEach(({ code }, i) => {
          if (!c.itemMaterials.some((x) => x.code === code)) throw invalid(`missing[${i}].code`, `${code} is not a material of ${c.itemCode}`);
          if (seen.has(code)) throw invalid(`missing[${i}].code`, `${code} is listed twice`);
          seen.add(code);
          // 一次性告知: after the first list, only a material supplied since may be asked for again (it was defective).
          if (round > 1 && !earlier.some((r) => r.code === code && r.supplied)) {
            throw unprocessable(`missing[${i}].code`, `${code} was not asked for in the first notice: the applicant gets one complete list`);
          }
        });
        return {
          set: { supplement: { round, missing }, currentUnitCode: c.originUnitCode },
          after: (m) => this.cases.requestMaterials(m, c.id, round, missing),
          note: `round ${round}: ${missing.map((x) => x.code).join(', ')}`,
        };
      }
      case 'supplement': {
        const open = c.supplement!;
        const supplied = new Set(cmd.materials ?? []);
        const still = open.missing.filter((x) => !supplied.has(x.code)).map((x) => x.code);
        if (still.length) throw unprocessable('materials', `still missing: ${still.join(', ')}`);
        return { set: { supplement: null, currentUnitCode: c.handlingUnitCode }, after: (m) => this.cases.markSupplied(m, c.id, open.round) };
      }
      case 'forward': {
        if (!cmd.toUnitCode) throw invalid('toUnitCode', 'the unit to forward to is required');
        if (!cmd.reason) throw invalid('reason', 'a forward needs its reason');
        if (cmd.toUnitCode === c.handlingUnitCode) throw unprocessable('toUnitCode', 'the case is already there');
        const target = await this.bus.request<ForwardCheck>(RoutingSubjects.validateForward, { itemCode: c.itemCode, toUnitCode: cmd.toUnitCode });
        return {
          set: { handlingUnitCode: target.toUnitCode, route: [...c.route, target.toUnitCode], forwardCount: c.forwardCount + 1 },
          after: async (m) => {
            await this.cases.addUnitPath(m, c.id, target.path);
            await this.cases.addHop(m, c.id, { from: c.currentUnitCode, to: target.toUnitCode, direction: 'up' });
          },
          dispatch: 'sent',
          note: `to ${target.toUnitCode}: ${cmd.reason}`,
        };
      }
      case 'suspend': {
        const procedure = c.itemProcedures.find((p) => p.code === cmd.procedureCode);
        if (!procedure) throw invalid('procedureCode', `${cmd.procedureCode ?? '(none)'} is not a special procedure of ${c.itemCode}`);
        return { set: { suspension: { procedureCode: procedure.code, maxDays: procedure.maxDays, since: today } }, note: procedure.name };
      }
      case 'resume': {
        const s = c.suspension!;
        // Special-procedure time is not counted, up to the procedure's maximum; the deadlines move by the paused working days.
        const paused = Math.min(this.calendar.workingDaysBetween(s.since, today), s.maxDays);
        const promised = c.promisedDeadline ? this.calendar.deadline(c.promisedDeadline, paused) : null;
        const legal = c.legalDeadline ? this.calendar.deadline(c.legalDeadline, paused) : null;
        return {
          set: {
            suspension: null,
            pausedDays: c.pausedDays + paused,
            ...(promised ? { promisedDeadline: promised.deadline } : {}),
            stepDeadlines: c.stepDeadlines.map((d) => this.calendar.deadline(d, paused).deadline),
            ...(legal ? { legalDeadline: legal.deadline } : {}),
            deadlineProvisional: c.deadlineProvisional || Boolean(promised?.provisional || legal?.provisional),
          },
          note: `${s.procedureCode}: ${paused} working day(s) not counted`,
        };
      }
      case 'decide': {
        if (!cmd.decision) throw invalid('decision', 'decision is approve or deny');
        const decidedAt = new Date().toISOString();
        const outcome = cmd.decision === 'approve' ? 'approved' : 'denied';
        let decisions = c.decisions;
        if (decisions) {
          const i = decisions.findIndex((d) => d.department === cmd.department);
          if (i < 0) throw invalid('department', `one of: ${decisions.map((d) => d.department).join(', ')}`);
          if (decisions[i].decision) throw new DomainError(ErrorCode.Conflict, `${cmd.department} has decided already`);
          decisions = decisions.map((d, j) => (j === i ? { ...d, decision: outcome, decidedAt } : d));
          // One door in, one result out: the case completes with the last department's decision, denied if any denied.
          if (decisions.some((d) => !d.decision)) return { set: { decisions }, to: 'accepted', event: 'department-decided', note: `${cmd.department}: ${outcome}` };
        }
        const final = decisions ? (decisions.some((d) => d.decision === 'denied') ? 'denied' : 'approved') : outcome;
        const back = [...c.route].reverse();
        return {
          set: { decisions, result: { decision: final, reason: cmd.reason ?? null, decidedAt } },
          // The result travels back down the route, hop by hop (the relay moves it).
          after: back.length > 1 ? (m) => this.cases.addHop(m, c.id, { from: back[0], to: back[1], direction: 'down' }) : undefined,
          dispatch: back.length > 1 ? 'result-sent' : undefined,
        };
      }
      case 'deliver':
        if (c.currentUnitCode !== c.originUnitCode) throw new DomainError(ErrorCode.Conflict, 'The result has not come back to the origin yet');
        return { set: {}, note: cmd.channel ?? null };
    }
  }
}

function assertStandsWhere(caller: Caller, c: CaseRow, at: Rule['at'], action: CaseAction): void {
  const atHandling = caller.unitCode === c.handlingUnitCode && c.currentUnitCode === c.handlingUnitCode;
  const atOrigin = caller.unitCode === c.originUnitCode;
  const ok = at === 'handling' ? atHandling : at === 'origin' ? atOrigin : atOrigin || caller.unitCode === c.handlingUnitCode;
  if (!ok) throw new DomainError(ErrorCode.Forbidden, `Only the ${at === 'origin' ? 'origin' : 'handling'} unit can ${action} this case (it is at ${c.currentUnitCode})`);
}
