import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../page.js';
import { TIERS, type Tier } from '../identity/identity.messages.js';

/** Categories of an implementation list (实施清单). */
export const CATEGORIES = ['licensing', 'benefit', 'confirmation', 'other-power', 'public-service', 'convenience'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  licensing: '行政许可',
  benefit: '行政给付',
  confirmation: '行政确认',
  'other-power': '其他行政权力',
  'public-service': '公共服务',
  convenience: '便民服务',
};
export const MATERIAL_FORMS = ['original', 'copy', 'either'] as const;
export const STEP_ROLES = ['clerk', 'approver'] as const;
export const ITEM_STATUSES = ['draft', 'published', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

const CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const CODE_MSG = 'must be 2-40 upper-case letters, digits or dashes';

export class MaterialInput {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsBoolean() required!: boolean;
  /** May be supplied after acceptance (容缺受理). */
  @IsBoolean() deferrable!: boolean;
  @IsIn(MATERIAL_FORMS) form!: (typeof MATERIAL_FORMS)[number];
  @IsInt() @Min(1) @Max(20) copies!: number;
  @IsOptional() @IsString() @MaxLength(500) notes?: string;
}

export class FeesInput {
  @IsBoolean() free!: boolean;
  @IsOptional() @IsString() @MaxLength(500) basis?: string;
  @IsOptional() @IsString() @MaxLength(200) standard?: string;
}

export class StepInput {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsIn(STEP_ROLES) role!: (typeof STEP_ROLES)[number];
  /** Working days this step may take. */
  @IsInt() @Min(0) @Max(365) limitDays!: number;
}

/** 特殊环节: expert review, hearing, site inspection, testing — time not counted in the limit. */
export class SpecialProcedureInput {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsInt() @Min(1) @Max(365) maxDays!: number;
}

/** 并联审批: one door in, one result out. */
export class ParallelInput {
  @IsString() @Length(1, 100) leadDepartment!: string;
  @IsArray() @ArrayUnique() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true }) coDepartments!: string[];
  /** Joint cap in working days (45 unless the item says otherwise). */
  @IsOptional() @IsInt() @Min(1) @Max(365) capDays?: number;
}

/** A service item as an admin writes it; cross-field rules are the catalogue service's. */
export class ServiceItemInput {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsIn(CATEGORIES) category!: Category;
  @IsString() @Length(1, 100) department!: string;
  @IsIn(TIERS) tier!: Tier;
  @IsString() @MaxLength(2000) legalBasis!: string;
  /** 法定时限, working days (0 = instant). */
  @IsInt() @Min(0) @Max(365) legalDays!: number;
  /** 承诺时限, working days (0 = instant item 即办件), never above legalDays. */
  @IsInt() @Min(0) @Max(365) promisedDays!: number;
  /** Village agents may file it on a resident's behalf. */
  @IsBoolean() proxyEligible!: boolean;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MaterialInput) materials!: MaterialInput[];
  @ValidateNested() @Type(() => FeesInput) fees!: FeesInput;
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => StepInput) steps!: StepInput[];
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => SpecialProcedureInput) specialProcedures!: SpecialProcedureInput[];
  @IsOptional() @ValidateNested() @Type(() => ParallelInput) parallel?: ParallelInput;
  @IsString() @MaxLength(5000) guide!: string;
  /** Where: the center's hall and window. */
  @IsString() @MaxLength(200) location!: string;
  @IsOptional() @IsString() @MaxLength(50) window?: string;
  /** How to complain (phone, 12345 hotline...). */
  @IsString() @MaxLength(200) complaintChannel!: string;
}

export interface ServiceItemView extends ServiceItemInput {
  version: number;
  status: ItemStatus;
  /** True when promisedDays is 0 (即办件). */
  instant: boolean;
  publishedAt: string | null;
}

export class SearchItemsQuery extends PageQuery {
  /** Substring of name, code or department (Chinese substrings match: 营业 finds 个体工商户营业执照). */
  @IsOptional() @IsString() @Length(1, 50) q?: string;
  @IsOptional() @IsIn(TIERS) tier?: Tier;
  @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @IsOptional() @IsString() @Length(1, 100) department?: string;
  @IsOptional() @IsIn(['true', 'false']) instant?: 'true' | 'false';
}

export interface CatalogueStats {
  items: number;
  instantItems: number;
  instantRate: number;
  avgPromisedDays: number;
  avgLegalDays: number;
  /** 1 − avgPromised / avgLegal: how much the promise beats the law. */
  compression: number;
  approvalItemsWithFlow: number;
  byCategory: Record<string, number>;
  byTier: Record<string, number>;
}

export class ItemCodeParam {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  /** A specific version (cases pin the version they were filed under); default: the current one. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
}

export class UpdateItemRequest {
  @Matches(CODE, { message: `code ${CODE_MSG}` }) code!: string;
  @ValidateNested() @Type(() => ServiceItemInput) item!: ServiceItemInput;
}

export const IMPORT_FORMATS = ['json', 'csv'] as const;
export const IMPORT_MODES = ['all-or-nothing', 'partial'] as const;

export class StartImportRequest {
  @IsIn(IMPORT_FORMATS) format!: (typeof IMPORT_FORMATS)[number];
  /** The file's text: a JSON array of items, or CSV (see apps/catalogue/import/catalogue-csv.ts). */
  @IsString() @MaxLength(50_000_000) content!: string;
  @IsOptional() @IsIn(IMPORT_MODES) mode?: (typeof IMPORT_MODES)[number];
  /** Publish what is imported (default true); else it lands as drafts. */
  @IsOptional() @IsBoolean() publish?: boolean;
}

export class ImportIdParam {
  @IsString() @Matches(/^[0-9a-f-]{36}$/, { message: 'id must be an import id' }) id!: string;
}

export interface ImportRowProblem {
  /** 1-based line in the file (JSON: the item's index + 1 is reported as `row`). */
  line?: number;
  row: number;
  code?: string;
  field: string;
  message: string;
}

export interface ImportJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed' | 'rejected';
  format: string;
  mode: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  problems: ImportRowProblem[];
  startedAt: string;
  finishedAt: string | null;
}

export class ExportQuery {
  @IsIn(IMPORT_FORMATS) format!: (typeof IMPORT_FORMATS)[number];
}
