import { MessagingTables1764316800000 } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { IdentityModule } from './identity.module.js';
import { IdentityInit1764316800100 } from './migrations/1764316800100-identity-init.js';

export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  migrations: [MessagingTables1764316800000, IdentityInit1764316800100],
};
