import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { CatalogueModule } from './catalogue.module.js';
import { CatalogueInit1764316800200 } from './migrations/1764316800200-catalogue-init.js';

export const catalogueService: ServiceDefinition = {
  name: 'catalogue',
  module: CatalogueModule,
  migrations: [...MESSAGING_MIGRATIONS, CatalogueInit1764316800200],
};
