import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { IdentityModule } from './identity.module.js';
import { IdentityInit1764316800100 } from './migrations/1764316800100-identity-init.js';

export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  migrations: [...MESSAGING_MIGRATIONS, IdentityInit1764316800100],
};
