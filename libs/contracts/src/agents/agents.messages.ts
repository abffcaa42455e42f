import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsResidentIdNumber } from '../personal-data/id-number.js';
import { requestSubject } from '../subjects.js';
import type { CaseStatus } from '../cases/cases.messages.js';

export const AgentsSubjects = {
  workbench: requestSubject('agents', 'workbench'),
  figures: requestSubject('agents', 'figures'),
  authorize: requestSubject('agents', 'authorize'),
  listAuthorizations: requestSubject('agents', 'list-authorizations'),
  ship: requestSubject('agents', 'ship'),
  getShipment: requestSubject('agents', 'get-shipment'),
  receiveShipment: requestSubject('agents', 'receive-shipment'),
} as const;

export interface AgentCaseLine {
  caseId: string;
  trackingNo: string;
  itemCode: string;
  itemName: string;
  status: CaseStatus;
  currentUnitCode: string;
  promisedDeadline: string | null;
  updatedAt: string;
}

/** A village agent's desk: my cases by state, what waits for the resident, what is ready to hand over, what is late. */
export interface Workbench {
  agent: string;
  byStatus: Partial<Record<CaseStatus, number>>;
  total: number;
  awaitingSupplement: AgentCaseLine[];
  resultsReady: AgentCaseLine[];
  overdue: AgentCaseLine[];
}

export class FiguresQuery {
  @IsOptional() @Matches(/^\d{12}$/, { message: 'unitCode must be a 12-digit unit code' }) unitCode?: string;
}

export interface AgentFigures {
  agent: string;
  originUnitCode: string;
  filed: number;
  completed: number;
  /** Average calendar days from filing to completion, over completed cases. */
  averageDays: number | null;
}

/** 委托: the resident's recorded consent for an agent to act for them on an item. */
export class CreateAuthorizationRequest {
  @IsString() @Length(1, 50) residentName!: string;
  @IsResidentIdNumber() residentIdNumber!: string;
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'itemCode is not a service item code' }) itemCode!: string;
  @IsISO8601({ strict: true }, { message: 'consentAt must be an ISO 8601 time' }) consentAt!: string;
  /** A scanned or paper authorization form, if any. */
  @IsOptional() @IsString() @MaxLength(200) documentRef?: string;
}

export interface ProxyAuthorization {
  authorizationNo: string;
  agent: string;
  residentName: string;
  residentIdNumber: string;
  itemCode: string;
  consentAt: string;
  documentRef: string | null;
  createdAt: string;
}

/** 一次送件: the paper materials of several cases carried from a village to its town in one trip. */
export class CreateShipmentRequest {
  @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(200) @IsUUID('all', { each: true }) caseIds!: string[];
}

export class ShipmentIdParam {
  @IsUUID() id!: string;
}

export class Discrepancy {
  @IsUUID() caseId!: string;
  @IsString() @Length(1, 500) note!: string;
}

export class ReceiveShipmentRequest extends ShipmentIdParam {
  @ArrayMaxSize(200) @IsUUID('all', { each: true }) received!: string[];
  @IsOptional() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => Discrepancy) discrepancies?: Discrepancy[];
}

export interface Shipment {
  id: string;
  fromUnitCode: string;
  toUnitCode: string;
  agent: string;
  status: 'sent' | 'received';
  manifest: { caseId: string; trackingNo: string; itemCode: string; itemName: string }[];
  sentAt: string;
  receivedAt: string | null;
  receivedBy: string | null;
  /** Cases on the manifest that did not arrive, and notes on what arrived wrong. */
  discrepancies: { caseId: string; note: string }[];
}
