import type { ServiceName } from '@app/contracts';
import type { Type } from '@nestjs/common';
import type { EntitySchema, MixedList } from 'typeorm';

/** What a service app declares about itself; the runtime does the rest (database, bus, health). */
export interface ServiceDefinition {
  name: ServiceName;
  /** The service's domain module (controllers with @MessagePattern handlers, providers). */
  module: Type;
  /** Migrations of the service's schema, oldest first; MESSAGING_MIGRATIONS come first. */
  migrations: Function[];
  entities?: MixedList<Function | string | EntitySchema>;
}
