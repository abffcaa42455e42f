import { notFound, requireScope, UnitScope, type Caller } from '@app/auth';
import { type CaseView, type Light, type ListCasesQuery, type Page, type TrackRequest, type TrackingView } from '@app/contracts';
import { BusClient } from '@app/messaging';
import { CursorCodec } from '@app/persistence';
import { unitPathInScope } from '@app/runtime';
import { Injectable } from '@nestjs/common';
import { toShanghaiDate } from '../calendar/working-calendar.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { caseView } from '../case-view.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import { sameQueryCode } from '../tracking/tracking-number.js';

const OPEN_CLOCK = new Set(['accepted', 'suspended']);

@Injectable()
export class QueriesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly bus: BusClient,
    private readonly cursors: CursorCodec,
    private readonly calendar: CalendarService,
  ) {}

  async get(caller: Caller, id: string): Promise<CaseView> {
    const row = await this.cases.inScope(UnitScope.of(caller), id);
    if (!row) throw notFound(`Case ${id}`);
    requireScope(caller, 'cases:read');
    const [timeline, hops] = await Promise.all([this.cases.timeline(id), this.cases.hops(id)]);
    return { ...caseView(row, this.light(row), this.undecided(row)), timeline, hops };
  }

  async list(caller: Caller, q: ListCasesQuery): Promise<Page<CaseView>> {
    const scope = UnitScope.of(caller);
    const unitPath = await unitPathInScope(this.bus, scope, q.unitCode);
    requireScope(caller, 'cases:read');
    const limit = q.limit ?? 50;
    const binding = `cases|${caller.subject}|${q.status ?? ''}|${q.unitCode ?? ''}|${q.itemCode ?? ''}`;
    const rows = await this.cases.list(scope, { status: q.status, unitPath, itemCode: q.itemCode }, this.cursors.after<string>(q.cursor, binding), limit + 1);
    const page = this.cursors.page(rows, limit, binding, (r) => r.id);
    return { ...page, items: page.items.map((r) => caseView(r, this.light(r), this.undecided(r))) };
  }

  /** Public, no login: the story without personal data; a wrong query code is the same 404 as a wrong number. */
  async track(req: TrackRequest): Promise<TrackingView> {
    const row = await this.cases.byTrackingNo(req.trackingNo);
    if (!row || !sameQueryCode(row.queryCode, req.code)) throw notFound(`Case ${req.trackingNo}`);
    return {
      trackingNo: row.trackingNo,
      itemName: row.itemName,
      status: row.status,
      currentUnit: { code: row.currentUnitCode },
      hops: await this.cases.hops(row.id),
      deadline: row.promisedDeadline,
      light: this.light(row),
      result: row.result ? { decision: row.result.decision } : null,
    };
  }

  /** A received case with no accept, reject or supplement notice within 5 working days is flagged (the law deems it accepted). */
  private undecided(r: CaseRow): boolean {
    return r.status === 'received' && r.receivedAt !== null && this.calendar.workingDaysBetween(toShanghaiDate(new Date(r.receivedAt)), toShanghaiDate(new Date())) > 5;
  }

  /** 亮灯: red past the promised deadline, yellow when at most 20% (at least 1) of the promised working days remain. */
  private light(r: CaseRow): Light | null {
    if (!OPEN_CLOCK.has(r.status) || !r.promisedDeadline || !r.acceptedAt) return null;
    const today = toShanghaiDate(new Date());
    if (r.promisedDays === 0) return today > toShanghaiDate(new Date(r.acceptedAt)) ? 'red' : 'green';
    if (today > r.promisedDeadline) return 'red';
    const left = this.calendar.workingDaysBetween(today, r.promisedDeadline);
    return left <= Math.max(1, Math.floor(r.promisedDays * 0.2)) ? 'yellow' : 'green';
  }
}
