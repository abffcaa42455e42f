import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import { CatalogueSubjects, ExportQuery, ImportIdParam, ItemCodeParam, SearchItemsQuery, ServiceItemInput, StartImportRequest, UpdateItemRequest } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ImportService } from './import/import.service.js';
import { ItemsService } from './items/items.service.js';

/** Public disclosure: the catalogue and its figures need no login. */
@Controller()
@PublicHandler()
export class PublicCatalogueHandler {
  constructor(private readonly items: ItemsService) {}

  @MessagePattern(CatalogueSubjects.search)
  search(@Payload() q: SearchItemsQuery) {
    return this.items.search(q);
  }

  @MessagePattern(CatalogueSubjects.getItem)
  get(@Payload() p: ItemCodeParam) {
    return this.items.get(p);
  }

  @MessagePattern(CatalogueSubjects.stats)
  stats() {
    return this.items.stats();
  }
}

@Controller()
@Roles('admin')
export class CatalogueAdminHandler {
  constructor(
    private readonly items: ItemsService,
    private readonly imports: ImportService,
  ) {}

  @MessagePattern(CatalogueSubjects.createItem)
  create(@CurrentCaller() caller: Caller, @Payload() item: ServiceItemInput) {
    return this.items.create(caller, item);
  }

  @MessagePattern(CatalogueSubjects.updateItem)
  update(@CurrentCaller() caller: Caller, @Payload() req: UpdateItemRequest) {
    return this.items.update(caller, req.code, req.item);
  }

  @MessagePattern(CatalogueSubjects.publishItem)
  publish(@CurrentCaller() caller: Caller, @Payload() p: ItemCodeParam) {
    return this.items.publish(caller, p.code);
  }

  @MessagePattern(CatalogueSubjects.retireItem)
  retire(@CurrentCaller() caller: Caller, @Payload() p: ItemCodeParam) {
    return this.items.retire(caller, p.code);
  }

  @MessagePattern(CatalogueSubjects.listVersions)
  versions(@CurrentCaller() caller: Caller, @Payload() p: ItemCodeParam) {
    return this.items.versions(caller, p.code);
  }

  @MessagePattern(CatalogueSubjects.startImport)
  startImport(@CurrentCaller() caller: Caller, @Payload() req: StartImportRequest) {
    return this.imports.start(caller, req);
  }

  @MessagePattern(CatalogueSubjects.getImport)
  getImport(@CurrentCaller() caller: Caller, @Payload() p: ImportIdParam) {
    return this.imports.get(caller, p.id);
  }

  @MessagePattern(CatalogueSubjects.exportItems)
  export(@CurrentCaller() caller: Caller, @Payload() q: ExportQuery) {
    return this.imports.export(caller, q.format);
  }
}
