import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { ServiceDefinition } from '@app/runtime';
import { CasesModule } from './cases.module.js';
import { CasesInit1764316800400 } from './migrations/1764316800400-cases-init.js';
import { CasesLifecycle1764316800500 } from './migrations/1764316800500-cases-lifecycle.js';
import { CasesParallelRating1764316800600 } from './migrations/1764316800600-cases-parallel-rating.js';
import { CasesOriginPath1764316800650 } from './migrations/1764316800650-cases-origin-path.js';
import { CasesStepDeadlines1764316800660 } from './migrations/1764316800660-cases-step-deadlines.js';

export const casesService: ServiceDefinition = {
  name: 'cases',
  module: CasesModule,
  migrations: [...MESSAGING_MIGRATIONS, CasesInit1764316800400, CasesLifecycle1764316800500, CasesParallelRating1764316800600, CasesOriginPath1764316800650, CasesStepDeadlines1764316800660],
};
