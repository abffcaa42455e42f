import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { RoutingInit1764316800300 } from './migrations/1764316800300-routing-init.js';
import { RoutingModule } from './routing.module.js';

export const routingService: ServiceDefinition = {
  name: 'routing',
  module: RoutingModule,
  migrations: [...MESSAGING_MIGRATIONS, RoutingInit1764316800300],
};
