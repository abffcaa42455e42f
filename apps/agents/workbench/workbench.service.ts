import { authorize, UnitScope, type Caller } from '@app/auth';
import { CaseEvents, type AgentFigures, type CaseEventData, type Workbench } from '@app/contracts';
import { BusClient, EventConsumers } from '@app/messaging';
import { unitPathInScope } from '@app/runtime';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgentCasesRepository } from './agent-cases.repository.js';

/** Agents' cases as the agents service keeps them: from the cases service's events, never from its tables. */
@Injectable()
export class WorkbenchService implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly repo: AgentCasesRepository,
    private readonly bus: BusClient,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'cases',
      from: 'cases',
      filter: CaseEvents.all,
      handle: async (e, m) => {
        const data = e.data as Partial<CaseEventData>;
        // Only case-state events (ratings have another shape), and only cases filed by agents.
        if (data.channel !== 'agent' || !data.submittedBy) return;
        await this.repo.apply(m, data as CaseEventData, e.occurredAt);
      },
    });
  }

  async workbench(caller: Caller): Promise<Workbench> {
    authorize(caller);
    const agent = `user:${caller.subject}`;
    const today = new Date().toISOString().slice(0, 10);
    const [byStatus, awaitingSupplement, resultsReady, overdue] = await Promise.all([
      this.repo.counts(agent),
      this.repo.lines(agent, `status = 'supplement_requested'`),
      this.repo.lines(agent, `status = 'completed' AND current_unit_code = origin_unit_code`),
      this.repo.lines(agent, `status IN ('accepted', 'suspended') AND promised_deadline < $2::date`, [today]),
    ]);
    return { agent, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0), awaitingSupplement, resultsReady, overdue };
  }

  /** Per agent: filed, completed, average days; for supervisors, clerks and admins within their scope. */
  async figures(caller: Caller, unitCode: string | undefined): Promise<AgentFigures[]> {
    const scope = UnitScope.of(caller);
    const unitPath = await unitPathInScope(this.bus, scope, unitCode);
    authorize(caller);
    return this.repo.figures(scope, unitPath);
  }
}
