import { MessagingTables1764316800000 } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { RoutingInit1764316800300 } from './migrations/1764316800300-routing-init.js';
import { RoutingModule } from './routing.module.js';

export const routingService: ServiceDefinition = {
  name: 'routing',
  module: RoutingModule,
  migrations: [MessagingTables1764316800000, RoutingInit1764316800300],
};
