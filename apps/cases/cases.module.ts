import { Module } from '@nestjs/common';
import { CalendarHandler } from './calendar/calendar.handler.js';
import { CalendarService } from './calendar/calendar.service.js';
import { CasesHandler } from './cases.handlers.js';
import { CasesRepository } from './cases.repository.js';
import { LifecycleService } from './lifecycle/lifecycle.service.js';
import { personalDataProvider } from './personal-data/personal-data.provider.js';
import { QueriesService } from './queries/queries.service.js';
import { RelayConsumer } from './relay/relay.consumer.js';
import { SubmissionService } from './submission/submission.service.js';

/** Cases (办件): filing, routing along the route, the lifecycle on a working-day clock, tracking. */
@Module({
  controllers: [CasesHandler, CalendarHandler],
  providers: [CasesRepository, SubmissionService, LifecycleService, QueriesService, RelayConsumer, CalendarService, personalDataProvider],
})
export class CasesModule {}
