import { Module } from '@nestjs/common';
import { AgentsHandler } from './agents.handlers.js';
import { AuthorizationsService } from './authorizations/authorizations.service.js';
import { ShipmentsService } from './shipments/shipments.service.js';
import { AgentCasesRepository } from './workbench/agent-cases.repository.js';
import { WorkbenchService } from './workbench/workbench.service.js';

/** Village agents (代办员): proxy authorizations, shipments, their workbench and figures (kept from case events). */
@Module({
  controllers: [AgentsHandler],
  providers: [AgentCasesRepository, WorkbenchService, AuthorizationsService, ShipmentsService],
})
export class AgentsModule {}
