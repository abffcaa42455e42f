import {
  CatalogueSubjects,
  ExportQuery,
  IMPORT_MODES,
  ImportIdParam,
  ItemCodeParam,
  SearchItemsQuery,
  ServiceItemInput,
  StartImportRequest,
  type ImportJob,
} from '@app/contracts';
import { BusClient } from '@app/messaging';
import { strictValidationPipe } from '@app/runtime';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';

@ApiTags('catalogue')
@Controller('api/v1/catalogue')
export class CatalogueController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Get('items')
  @ApiOperation({ summary: 'Search the published catalogue (public): substring of name, code or department; filters; cursor pages' })
  search(@Query() q: SearchItemsQuery) {
    return this.bus.request(CatalogueSubjects.search, q);
  }

  @Public()
  @Get('stats')
  @ApiOperation({ summary: 'The power list in figures: items, instant rate, average promised and legal days, compression, by category and tier' })
  stats() {
    return this.bus.request(CatalogueSubjects.stats, {});
  }

  @Public()
  @Get('items/:code')
  @ApiOperation({ summary: "An item's applicant guide (public): materials, fees, limits, where and how; ?version= for a pinned version" })
  @ApiQuery({ name: 'version', required: false })
  get(@Param('code') code: string, @Query('version') version?: string) {
    return this.bus.request(CatalogueSubjects.getItem, { code, ...(version !== undefined ? { version } : {}) });
  }

  @Post('items')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an item as a draft (district admin)' })
  create(@Body() item: ServiceItemInput) {
    return this.bus.request(CatalogueSubjects.createItem, item);
  }

  @Put('items/:code')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit an item: a new draft version; the published one stays as it is until the draft is published (district admin)' })
  update(@Param('code') code: string, @Body() item: ServiceItemInput) {
    return this.bus.request(CatalogueSubjects.updateItem, { code, item });
  }

  @Post('items/:code/publish')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish the draft: it becomes the current version, immutable from now on (district admin)' })
  publish(@Param() p: ItemCodeParam) {
    return this.bus.request(CatalogueSubjects.publishItem, p);
  }

  @Post('items/:code/retire')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Retire an item: no new cases; cases filed under it keep their version (district admin)' })
  retire(@Param() p: ItemCodeParam) {
    return this.bus.request(CatalogueSubjects.retireItem, p);
  }

  @Get('items/:code/versions')
  @ApiBearerAuth()
  @ApiOperation({ summary: "An item's versions and their status (district admin)" })
  versions(@Param() p: ItemCodeParam) {
    return this.bus.request(CatalogueSubjects.listVersions, p);
  }

  @Post('import')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiConsumes('text/csv', 'application/json')
  @ApiQuery({ name: 'mode', enum: IMPORT_MODES, required: false })
  @ApiQuery({ name: 'publish', enum: ['true', 'false'], required: false })
  @ApiBody({ description: 'A CSV file (text/csv), a JSON array of items, or {format, content, mode?, publish?}' })
  @ApiOperation({ summary: 'Bulk import as a job (district admin): every bad row reported with its line and field; nothing written unless all pass, or mode=partial' })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query('mode') mode: string | undefined,
    @Query('publish') publish: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const options = { ...(mode ? { mode } : {}), ...(publish ? { publish: publish === 'true' } : {}) };
    const raw = contentType?.startsWith('text/csv')
      ? { format: 'csv', content: String(body ?? ''), ...options }
      : Array.isArray(body)
        ? { format: 'json', content: JSON.stringify(body), ...options }
        : body;
    const req = (await strictValidationPipe().transform(raw, { type: 'body', metatype: StartImportRequest })) as StartImportRequest;
    const job = await this.bus.request<ImportJob>(CatalogueSubjects.startImport, req);
    void reply.header('location', `/api/v1/catalogue/imports/${job.id}`);
    return job;
  }

  @Get('imports/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An import job: progress, counts and every problem (district admin)' })
  importJob(@Param() p: ImportIdParam) {
    return this.bus.request(CatalogueSubjects.getImport, p);
  }

  @Get('export')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every item (latest version) as JSON or CSV, in the import format (district admin)' })
  async export(@Query() q: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.bus.request<{ contentType: string; content: string }>(CatalogueSubjects.exportItems, q);
    void reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="catalogue.${q.format}"`);
    return file.content;
  }
}
