import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { AgentsModule } from './agents.module.js';
import { AgentsInit1764316800700 } from './migrations/1764316800700-agents-init.js';
import { AgentsAuthorizationsShipments1764316800800 } from './migrations/1764316800800-agents-authorizations-shipments.js';

export const agentsService: ServiceDefinition = {
  name: 'agents',
  module: AgentsModule,
  migrations: [...MESSAGING_MIGRATIONS, AgentsInit1764316800700, AgentsAuthorizationsShipments1764316800800],
};
