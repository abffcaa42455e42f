import { MessagingTables1764316800000 } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { CatalogueModule } from './catalogue.module.js';

export const catalogueService: ServiceDefinition = {
  name: 'catalogue',
  module: CatalogueModule,
  migrations: [MessagingTables1764316800000],
};
