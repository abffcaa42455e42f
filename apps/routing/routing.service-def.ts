import { MessagingTables1764316800000 } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { RoutingModule } from './routing.module.js';

export const routingService: ServiceDefinition = {
  name: 'routing',
  module: RoutingModule,
  migrations: [MessagingTables1764316800000],
};
