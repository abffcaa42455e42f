import { CatalogueEvents, IdentityEvents, type OrgUnitView, type ServiceItemView } from '@app/contracts';
import { EventConsumers } from '@app/messaging';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadModelsRepository } from './read-models.repository.js';

/** Keeps routing's copies of the org tree and of the published items, from identity's and catalogue's events. */
@Injectable()
export class ReadModelsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly repo: ReadModelsRepository,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'units',
      from: 'identity',
      filter: IdentityEvents.allUnits,
      handle: (e, m) => this.repo.upsertUnit(m, e.data as OrgUnitView, e.occurredAt),
    });
    this.consumers.register({
      name: 'items',
      from: 'catalogue',
      filter: CatalogueEvents.allItems,
      handle: async (e, m) => {
        if (e.subject === CatalogueEvents.itemPublished) await this.repo.itemPublished(m, e.data as ServiceItemView);
        else if (e.subject === CatalogueEvents.itemRetired) {
          const { code, version } = e.data as { code: string; version: number };
          await this.repo.itemRetired(m, code, version);
        }
      },
    });
  }
}
