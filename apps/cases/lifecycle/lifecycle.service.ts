import { authorize, notFound, UnitScope, type Caller } from '@app/auth';
import { DomainError, ErrorCode, caseEventSubject, type CaseAction, type CaseActionCommand, type CaseStatus, type CaseView } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toShanghaiDate } from '../calendar/working-calendar.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { caseView } from '../case-view.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import { summary } from '../submission/submission.service.js';

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** Where the caller must be: the handling unit, or the origin. */
  at: 'handling' | 'origin' | 'origin-or-handling';
  event: string;
}

const DONE: Record<CaseAction, string> = { receive: 'received', accept: 'accepted', reject: 'rejected', decide: 'decided', deliver: 'delivered', withdraw: 'withdrawn' };
const RULES: Record<CaseAction, Rule> = {
  receive: { from: ['arrived'], to: 'received', at: 'handling', event: 'received' },
  accept: { from: ['received'], to: 'accepted', at: 'handling', event: 'accepted' },
  reject: { from: ['received'], to: 'rejected', at: 'handling', event: 'rejected' },
  decide: { from: ['accepted'], to: 'completed', at: 'handling', event: 'completed' },
  deliver: { from: ['completed'], to: 'delivered', at: 'origin', event: 'delivered' },
  withdraw: { from: ['submitted', 'in_transit', 'arrived', 'received', 'supplement_requested', 'accepted', 'suspended', 'completed'], to: 'withdrawn', at: 'origin-or-handling', event: 'withdrawn' },
};

/**
 * The transitions of DESIGN §5: each checks scope (404), role (403), where the caller stands
 * (403), the status (409) and the version the caller saw (412); each appends to the timeline and
 * emits `v1.cases.case.<transition>.<unitCode>` in the same transaction.
 */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxWriter,
    private readonly calendar: CalendarService,
  ) {}

  async act(caller: Caller, action: CaseAction, cmd: CaseActionCommand): Promise<CaseView> {
    const visible = await this.cases.inScope(UnitScope.of(caller), cmd.id);
    if (!visible) throw notFound(`Case ${cmd.id}`);
    authorize(caller);
    const rule = RULES[action];
    assertStandsWhere(caller, visible, rule.at, action);
    if (!rule.from.includes(visible.status)) throw new DomainError(ErrorCode.Conflict, `A case that is ${visible.status} cannot be ${DONE[action]}`);
    if (action === 'deliver' && visible.currentUnitCode !== visible.originUnitCode) throw new DomainError(ErrorCode.Conflict, 'The result has not come back to the origin yet');
    if (action === 'reject' && !cmd.reason) throw new DomainError(ErrorCode.ValidationFailed, 'A rejection needs its reason', { fields: [{ field: 'reason', message: 'reason is required' }] });
    if (action === 'decide' && !cmd.decision) throw new DomainError(ErrorCode.ValidationFailed, 'A decision is approve or deny', { fields: [{ field: 'decision', message: 'decision is required' }] });

    const set: Parameters<CasesRepository['update']>[3] = { status: rule.to };
    if (action === 'accept') {
      const today = toShanghaiDate(new Date());
      const promised = this.calendar.deadline(today, visible.promisedDays);
      const legal = this.calendar.deadline(today, visible.legalDays);
      Object.assign(set, { acceptedAt: new Date().toISOString(), promisedDeadline: promised.deadline, legalDeadline: legal.deadline, deadlineProvisional: promised.provisional || legal.provisional });
    }
    if (action === 'decide') set.result = { decision: cmd.decision === 'approve' ? 'approved' : 'denied', reason: cmd.reason ?? null, decidedAt: new Date().toISOString() };
    const unit = rule.at === 'origin' ? visible.originUnitCode : caller.unitCode;
    return this.ds.transaction(async (m) => {
      if (!(await this.cases.update(m, visible.id, cmd.expectedVersion, set))) {
        throw new DomainError(ErrorCode.PreconditionFailed, `The case has changed since version ${cmd.expectedVersion}: read it again`);
      }
      const actor = { username: caller.username ?? caller.subject, unitCode: caller.unitCode };
      await this.cases.appendTimeline(m, visible.id, { action, fromStatus: visible.status, toStatus: rule.to, unitCode: unit, actor, note: cmd.reason ?? cmd.channel ?? null });
      // The result travels back down the route, hop by hop (the relay moves it).
      const back = [...visible.route].reverse();
      if (action === 'decide' && back.length > 1) await this.cases.addHop(m, visible.id, { from: back[0], to: back[1], direction: 'down' });
      const view = caseView((await this.cases.byId(m, visible.id))!);
      await this.outbox.append(m, caseEventSubject(rule.event, unit), summary(view));
      if (action === 'decide' && back.length > 1) await this.outbox.append(m, caseEventSubject('result-sent', unit), summary(view));
      return view;
    });
  }
}

function assertStandsWhere(caller: Caller, c: CaseRow, at: Rule['at'], action: CaseAction): void {
  const atHandling = caller.unitCode === c.handlingUnitCode && c.currentUnitCode === c.handlingUnitCode;
  const atOrigin = caller.unitCode === c.originUnitCode;
  const ok = at === 'handling' ? atHandling : at === 'origin' ? atOrigin : atOrigin || caller.unitCode === c.handlingUnitCode;
  if (!ok) throw new DomainError(ErrorCode.Forbidden, `Only the ${at === 'origin' ? 'origin' : 'handling'} unit can ${action} this case (it is at ${c.currentUnitCode})`);
}
