import { Module } from '@nestjs/common';
import { DelegationRepository } from './delegation/delegation.repository.js';
import { ReadModelsConsumer } from './read-models/read-models.consumer.js';
import { ReadModelsRepository } from './read-models/read-models.repository.js';
import { RoutingHandler } from './routing.handlers.js';
import { RoutingService } from './routing.service.js';

/** Jurisdiction and route plans, from local copies of the org tree and the catalogue; delegation rules. */
@Module({
  controllers: [RoutingHandler],
  providers: [ReadModelsRepository, ReadModelsConsumer, DelegationRepository, RoutingService],
})
export class RoutingModule {}
