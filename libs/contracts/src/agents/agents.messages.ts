import { IsOptional, Matches } from 'class-validator';
import { requestSubject } from '../subjects.js';
import type { CaseStatus } from '../cases/cases.messages.js';

export const AgentsSubjects = {
  workbench: requestSubject('agents', 'workbench'),
  figures: requestSubject('agents', 'figures'),
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
