import { Module } from '@nestjs/common';
import { AgentsHandler } from './agents.handlers.js';
import { AgentCasesRepository } from './workbench/agent-cases.repository.js';
import { WorkbenchService } from './workbench/workbench.service.js';

/** Village agents (代办员): their workbench and figures, kept from case events. */
@Module({
  controllers: [AgentsHandler],
  providers: [AgentCasesRepository, WorkbenchService],
})
export class AgentsModule {}
