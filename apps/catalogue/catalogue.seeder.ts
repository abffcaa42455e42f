import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/runtime';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { buildDemoCatalogue } from './demo/demo-catalogue.js';
import { ImportService } from './import/import.service.js';
import { ItemsService, type WriteOutcome } from './items/items.service.js';

/** On every start: interrupted imports are marked failed; the demo start (idempotently) publishes the demo catalogue. */
@Injectable()
export class CatalogueSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly items: ItemsService,
    private readonly imports: ImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.imports.failInterrupted();
    if (!this.config.demoData) return;
    const counts: Record<WriteOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
    await this.ds.transaction(async (m) => {
      for (const item of buildDemoCatalogue()) counts[await this.items.write(m, item, true)]++;
    });
    this.logger.info(`demo catalogue: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
}
