import { authorize, type Caller } from '@app/auth';
import {
  CatalogueEvents,
  DomainError,
  ErrorCode,
  ServiceItemInput,
  type CatalogueStats,
  type FieldProblem,
  type ItemCodeParam,
  type Page,
  type SearchItemsQuery,
  type ServiceItemView,
} from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { CursorCodec } from '@app/persistence';
import { canonicalJson, fieldProblems } from '@app/runtime';
import { Injectable } from '@nestjs/common';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { itemRuleProblems } from './item-rules.js';
import { ItemsRepository, type ItemHead } from './items.repository.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** Turns raw input into a clean item, or lists every problem: class-validator rules, then cross-field rules. */
export function checkItem(raw: unknown): { item?: ServiceItemInput; problems: FieldProblem[] } {
  const instance = plainToInstance(ServiceItemInput, raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) return { problems: fieldProblems(errors) };
  const item = instanceToPlain(instance) as ServiceItemInput;
  const problems = itemRuleProblems(item);
  return problems.length ? { problems } : { item, problems: [] };
}

/** Same content, same fingerprint, whatever the key order: what makes re-imports a no-op. */
export function fingerprintOf(item: ServiceItemInput): string {
  return createHash('sha256').update(canonicalJson(item)).digest('hex');
}

/**
 * Versions: create → draft; edit → a new draft (or the open draft again); publish → the current
 * version, the previous one superseded; retire. Published versions never change (a trigger
 * enforces it), because cases pin the version they were filed under.
 */
@Injectable()
export class ItemsService {
  constructor(
    private readonly ds: DataSource,
    private readonly items: ItemsRepository,
    private readonly outbox: OutboxWriter,
    private readonly cursors: CursorCodec,
  ) {}

  async create(caller: Caller, raw: ServiceItemInput): Promise<ServiceItemView & { draft: true }> {
    assertCatalogueAdmin(caller);
    const item = valid(raw);
    await this.ds.transaction(async (m) => {
      if (!(await this.items.insertItem(m, item.code))) throw new DomainError(ErrorCode.Conflict, `Service item ${item.code} already exists`, { fields: [{ field: 'code', message: 'code is taken' }] });
      await this.items.insertVersion(m, item, 1, fingerprintOf(item));
    });
    return { ...item, version: 1, status: 'draft', instant: item.promisedDays === 0, publishedAt: null, draft: true };
  }

  async update(caller: Caller, code: string, raw: ServiceItemInput): Promise<ServiceItemView & { draft: true }> {
    assertCatalogueAdmin(caller);
    const item = valid(raw);
    if (item.code !== code) throw new DomainError(ErrorCode.ValidationFailed, 'The code of an item cannot change', { fields: [{ field: 'code', message: `code must be ${code}` }] });
    const version = await this.ds.transaction(async (m) => {
      const head = await this.items.head(m, code, true);
      if (!head) throw notFound(code);
      if (head.status === 'retired') throw new DomainError(ErrorCode.Conflict, `Service item ${code} is retired`);
      return (await this.writeDraft(m, head, item)).latestVersion;
    });
    return { ...item, version, status: 'draft', instant: item.promisedDays === 0, publishedAt: null, draft: true };
  }

  async publish(caller: Caller, code: string): Promise<ServiceItemView> {
    assertCatalogueAdmin(caller);
    return this.ds.transaction(async (m) => {
      const head = await this.items.head(m, code, true);
      if (!head) throw notFound(code);
      if (head.latestStatus !== 'draft') throw new DomainError(ErrorCode.Conflict, `Service item ${code} has no draft to publish`);
      return this.publishHead(m, head);
    });
  }

  async retire(caller: Caller, code: string): Promise<ServiceItemView> {
    assertCatalogueAdmin(caller);
    return this.ds.transaction(async (m) => {
      const head = await this.items.head(m, code, true);
      if (!head) throw notFound(code);
      if (head.status !== 'published' || head.currentVersion === null) throw new DomainError(ErrorCode.Conflict, `Service item ${code} is not published`);
      await this.items.retire(m, head);
      await this.outbox.append(m, CatalogueEvents.itemRetired, { code, version: head.currentVersion });
      return (await this.items.view(code, head.currentVersion, m))!;
    });
  }

  /** Import and demo seeding: brings an item to `item` (published when asked), doing nothing when it already is. */
  async write(m: EntityManager, item: ServiceItemInput, publish: boolean): Promise<WriteOutcome> {
    const fingerprint = fingerprintOf(item);
    let head = await this.items.head(m, item.code, true);
    if (!head) {
      await this.items.insertItem(m, item.code);
      await this.items.insertVersion(m, item, 1, fingerprint);
      if (publish) await this.publishHead(m, (await this.items.head(m, item.code, true))!);
      return 'created';
    }
    const sameContent = head.latestFingerprint === fingerprint;
    const settled = head.latestStatus === 'published' || (head.latestStatus === 'draft' && !publish);
    if (sameContent && settled && head.status !== 'retired') return 'unchanged';
    if (!sameContent || head.latestStatus !== 'draft') head = await this.writeDraft(m, head, item);
    if (publish) await this.publishHead(m, head);
    return 'updated';
  }

  async get(p: ItemCodeParam): Promise<ServiceItemView> {
    const view = await this.items.view(p.code, p.version);
    if (!view) throw notFound(p.version ? `${p.code} version ${p.version}` : p.code);
    return view;
  }

  versions(caller: Caller, code: string) {
    assertCatalogueAdmin(caller);
    return this.items.versions(code);
  }

  async search(q: SearchItemsQuery): Promise<Page<ServiceItemView>> {
    const limit = q.limit ?? 50;
    const binding = `items|${q.q ?? ''}|${q.tier ?? ''}|${q.category ?? ''}|${q.department ?? ''}|${q.instant ?? ''}`;
    const rows = await this.items.search(q, this.cursors.after<string>(q.cursor, binding), limit + 1);
    return this.cursors.page(rows, limit, binding, (r) => r.code);
  }

  /** The published power list's figures (权力清单). */
  async stats(): Promise<CatalogueStats> {
    const s = await this.items.stats();
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      ...s,
      avgPromisedDays: round(s.avgPromisedDays),
      avgLegalDays: round(s.avgLegalDays),
      instantRate: s.items ? round(s.instantItems / s.items) : 0,
      compression: s.avgLegalDays ? round(1 - s.avgPromisedDays / s.avgLegalDays) : 0,
    };
  }

  private async writeDraft(m: EntityManager, head: ItemHead, item: ServiceItemInput): Promise<ItemHead> {
    const fingerprint = fingerprintOf(item);
    if (head.latestStatus === 'draft') {
      await this.items.replaceDraft(m, item, head.latestVersion, fingerprint);
      return { ...head, latestFingerprint: fingerprint };
    }
    const version = head.latestVersion + 1;
    await this.items.insertVersion(m, item, version, fingerprint);
    await this.items.setLatest(m, head.code, version);
    return { ...head, latestVersion: version, latestStatus: 'draft', latestFingerprint: fingerprint };
  }

  private async publishHead(m: EntityManager, head: ItemHead): Promise<ServiceItemView> {
    await this.items.publishLatest(m, head);
    const view = (await this.items.view(head.code, head.latestVersion, m))!;
    await this.outbox.append(m, CatalogueEvents.itemPublished, view);
    return view;
  }
}

function valid(raw: unknown): ServiceItemInput {
  const { item, problems } = checkItem(raw);
  if (!item) throw new DomainError(ErrorCode.ValidationFailed, 'The service item is not valid', { fields: problems });
  return item;
}

function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `Service item ${what} was not found`);
}

/** The catalogue is the district's power list: written by admins bound to the district. */
export function assertCatalogueAdmin(caller: Caller): void {
  authorize(caller);
  if (caller.unitPath.includes('.')) throw new DomainError(ErrorCode.Forbidden, 'The catalogue is maintained by the district’s admins');
}
