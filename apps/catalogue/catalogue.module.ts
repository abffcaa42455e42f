import { Module } from '@nestjs/common';
import { CatalogueAdminHandler, PublicCatalogueHandler } from './catalogue.handlers.js';
import { CatalogueSeeder } from './catalogue.seeder.js';
import { ImportService } from './import/import.service.js';
import { ItemsRepository } from './items/items.repository.js';
import { ItemsService } from './items/items.service.js';

/** Service items (政务服务事项): versions, public disclosure, the power-list figures, bulk import and export. */
@Module({
  controllers: [PublicCatalogueHandler, CatalogueAdminHandler],
  providers: [ItemsRepository, ItemsService, ImportService, CatalogueSeeder],
})
export class CatalogueModule {}
