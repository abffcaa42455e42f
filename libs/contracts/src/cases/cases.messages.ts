import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../page.js';
import { IsResidentIdNumber } from '../personal-data/id-number.js';
import { requestSubject } from '../subjects.js';

/** The lifecycle of DESIGN §5 (contract). */
export const CASE_STATUSES = ['submitted', 'in_transit', 'arrived', 'received', 'supplement_requested', 'accepted', 'suspended', 'completed', 'delivered', 'rejected', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

export const CASE_ACTIONS = ['receive', 'accept', 'request-supplement', 'supplement', 'reject', 'forward', 'suspend', 'resume', 'decide', 'deliver', 'withdraw'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The data of every case event: the case without personal data, who filed it and where from. */
export type CaseEventData = Omit<CaseView, 'applicant' | 'queryCode' | 'timeline' | 'hops'> & { submittedBy: string; originPath: string };

/** What a submission answers: the case, and whether this is the replay of an earlier request with the same Idempotency-Key. */
export interface SubmitCaseReply {
  case: CaseView;
  replayed: boolean;
}

export const CasesSubjects = {
  submit: requestSubject('cases', 'submit'),
  get: requestSubject('cases', 'get'),
  list: requestSubject('cases', 'list'),
  track: requestSubject('cases', 'track'),
  rate: requestSubject('cases', 'rate'),
  /** One subject per action, so each handler declares its roles. */
  action: (action: CaseAction) => requestSubject('cases', action),
} as const;

/** Events: `v1.cases.case.<transition>.<unitCode>` (the unit where it happened). */
export const caseEventSubject = (transition: string, unitCode: string) => `v1.cases.case.${transition}.${unitCode}`;
export const CaseEvents = {
  all: 'v1.cases.case.*.*',
  /** One transition's events, at any unit. */
  of: (transition: string) => `v1.cases.case.${transition}.*`,
} as const;

const UNIT_CODE = /^\d{12}$/;
const ITEM_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export class ApplicantInput {
  @IsString() @Length(1, 50) name!: string;
  /** 居民身份证号码 (GB 11643: checked, stored protected, shown masked). */
  @IsResidentIdNumber() idNumber!: string;
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mobile number' }) phone!: string;
}

export class ProvidedMaterial {
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code is not a material code' }) code!: string;
  @IsBoolean() provided!: boolean;
}

/** The resident's consent for a village agent to act for them (委托). */
export class ProxyInput {
  @Equals(true, { message: 'consent must be true: the resident must have agreed' }) consent!: true;
  @IsOptional() @IsString() @MaxLength(64) authorizationNo?: string;
}

export class SubmitCaseRequest {
  @Matches(ITEM_CODE, { message: 'itemCode is not a service item code' }) itemCode!: string;
  @ValidateNested() @Type(() => ApplicantInput) applicant!: ApplicantInput;
  /** Default: the submitter's own unit. */
  @IsOptional() @Matches(UNIT_CODE, { message: 'originUnitCode must be a 12-digit unit code' }) originUnitCode?: string;
  @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ProvidedMaterial) materials!: ProvidedMaterial[];
  @IsOptional() @ValidateNested() @Type(() => ProxyInput) proxy?: ProxyInput;
  @IsOptional() @IsObject() formData?: Record<string, unknown>;
}

/** What travels on the bus for a submission: the request, and the caller's Idempotency-Key. */
export class SubmitCaseCommand extends SubmitCaseRequest {
  @IsString() @Length(1, 200) idempotencyKey!: string;
}

export interface Hop {
  fromUnitCode: string;
  toUnitCode: string;
  direction: 'up' | 'down';
  sentAt: string;
  arrivedAt: string | null;
}

export interface TimelineEntry {
  at: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  unitCode: string;
  actor: { username: string; unitCode: string } | null;
  note: string | null;
}

export interface CaseView {
  id: string;
  trackingNo: string;
  queryCode: string;
  status: CaseStatus;
  itemCode: string;
  itemVersion: number;
  itemName: string;
  originUnitCode: string;
  handlingUnitCode: string;
  currentUnitCode: string;
  route: string[];
  channel: 'agent' | 'window' | 'partner';
  applicant: { name: string; idNumber: string; phone: string };
  result: { decision: 'approved' | 'denied'; reason: string | null; decidedAt: string } | null;
  deadlines: { promised: string | null; legal: string | null; provisional: boolean };
  /** Per-step time limits of the item's flow: each step's due date, counted from acceptance. */
  steps: { code: string; name: string; role: string; limitDays: number; due: string | null }[];
  light: Light | null;
  /** Deferred materials still owed (容缺受理) and when. */
  owedMaterials: { code: string; due: string }[];
  /** Open supplement request: what was asked for. */
  supplement: { round: number; missing: { code: string; reason: string }[] } | null;
  /** How often the case was forwarded; twice or more is passing around (推诿). */
  forwardCount: number;
  passedAround: boolean;
  /** Parallel approval (并联审批): one decision per department; the case completes when all have decided. */
  decisions: { department: string; lead: boolean; decision: 'approved' | 'denied' | null; decidedAt: string | null }[] | null;
  /** Received more than 5 working days ago without accept, reject or a supplement notice (the law deems it accepted). */
  undecidedFlag: boolean;
  rating: { level: number; comment: string | null; at: string } | null;
  version: number;
  createdAt: string;
  timeline?: TimelineEntry[];
  hops?: Hop[];
}

export class CaseIdParam {
  @IsUUID() id!: string;
}


export class MissingMaterial {
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code is not a material code' }) code!: string;
  @IsString() @Length(1, 500) reason!: string;
}

/** The fields an action may carry (POST /cases/{id}/{action}). */
export class CaseActionBody {
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  /** request-supplement: every missing or defective material, at once (一次性告知). */
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MissingMaterial) missing?: MissingMaterial[];
  /** supplement: the materials now supplied. */
  @IsOptional() @ArrayMaxSize(50) @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { each: true, message: 'each material must be a material code' }) materials?: string[];
  /** accept: deferrable materials still owed (容缺受理). */
  @IsOptional() @ArrayMaxSize(50) @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { each: true, message: 'each deferred material must be a material code' }) deferredMaterials?: string[];
  /** suspend: the special procedure (特殊环节) the clock stops for. */
  @IsOptional() @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'procedureCode is not a procedure code' }) procedureCode?: string;
  /** forward: the unit with authority the case should go to. */
  @IsOptional() @Matches(UNIT_CODE, { message: 'toUnitCode must be a 12-digit unit code' }) toUnitCode?: string;
  @IsOptional() @IsIn(['approve', 'deny']) decision?: 'approve' | 'deny';
  /** decide, for a parallel item: the department deciding. */
  @IsOptional() @IsString() @Length(1, 100) department?: string;
  /** How a result is handed over (deliver). */
  @IsOptional() @IsIn(['pickup', 'door', 'post', 'online']) channel?: string;
}

/** A transition on the bus: the case, the version the caller saw (If-Match), and the action's fields. */
export class CaseActionCommand extends CaseActionBody {
  @IsUUID() id!: string;
  @Type(() => Number) @IsInt() @Min(1) expectedVersion!: number;
}

export class ListCasesQuery extends PageQuery {
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @Matches(UNIT_CODE, { message: 'unitCode must be a 12-digit unit code' }) unitCode?: string;
  @IsOptional() @Matches(ITEM_CODE, { message: 'itemCode is not a service item code' }) itemCode?: string;
}

export class TrackRequest {
  @Matches(/^\d{6}-\d{8}-\d{6}$/, { message: 'trackingNo must look like 500117-20261128-000042' }) trackingNo!: string;
  @IsString() @Length(6, 6) code!: string;
}

/** Public tracking: the case's story without personal data. */
export interface TrackingView {
  trackingNo: string;
  itemName: string;
  status: CaseStatus;
  currentUnit: { code: string };
  hops: Hop[];
  deadline: string | null;
  light: Light | null;
  result: { decision: 'approved' | 'denied' } | null;
}

export const CalendarSubjects = {
  deadline: requestSubject('cases', 'calendar-deadline'),
  getYear: requestSubject('cases', 'calendar-get-year'),
  putYear: requestSubject('cases', 'calendar-put-year'),
} as const;

export class DeadlineQuery {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' }) from!: string;
  @Type(() => Number) @IsInt() @Min(0) days!: number;
}

export class YearParam {
  @Type(() => Number) @IsInt() @Min(2000) year!: number;
}

export class CalendarSource {
  @IsString() @Length(1, 200) title!: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issued must be a date YYYY-MM-DD' }) issued!: string;
  @IsString() @Length(1, 200) reference!: string;
}

/** A year of the official calendar as the State Council publishes it: days off and make-up workdays, with provenance. */
export class YearCalendarInput extends YearParam {
  @ArrayMaxSize(60) @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each holiday must be a date YYYY-MM-DD' }) holidays!: string[];
  @ArrayMaxSize(20) @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each workday must be a date YYYY-MM-DD' }) workdays!: string[];
  @ValidateNested() @Type(() => CalendarSource) source!: CalendarSource;
}

/** 好差评 (GB/T 39734): 1 非常不满意 … 5 非常满意, once per completed case, by the resident (query code). */
export class RateRequest extends TrackRequest {
  @Type(() => Number) @IsInt() @Min(1) @Max(5) level!: number;
  @IsOptional() @IsString() @MaxLength(500) comment?: string;
}
