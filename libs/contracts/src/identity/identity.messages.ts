
import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../page.js';

export const TIERS = ['district', 'town', 'village'] as const;
export type Tier = (typeof TIERS)[number];
export const UNIT_KINDS = ['district', 'street', 'town', 'community', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
const ROLE_NAMES = ['admin', 'clerk', 'approver', 'supervisor', 'agent'] as const;
const SCOPE_NAMES = ['catalogue:read', 'cases:read', 'cases:write', 'requests:write', 'supervision:read'] as const;
const UNIT_CODE = /^\d{12}$/;

export class LoginRequest {
  @IsString() @Length(1, 64) username!: string;
  @IsString() @Length(1, 256) password!: string;
}

export class RefreshRequest {
  @IsString() @Length(16, 256) refreshToken!: string;
}

/** RFC 6749 §4.4: the token request of a partner client (form or JSON). */
export class ClientTokenRequest {
  @IsIn(['client_credentials'], { message: 'grant_type must be client_credentials' }) grant_type!: string;
  @IsString() @Length(1, 64) client_id!: string;
  @IsString() @Length(1, 256) client_secret!: string;
  @IsOptional() @IsString() @MaxLength(500) scope?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface ClientTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface OrgUnitView {
  code: string;
  name: string;
  tier: Tier;
  kind: UnitKind;
  parentCode: string | null;
  path: string;
  active: boolean;
  demo: boolean;
}

export class ListUnitsQuery extends PageQuery {
  @IsOptional() @Matches(UNIT_CODE, { message: 'parent must be a 12-digit unit code' }) parent?: string;
  @IsOptional() @IsIn(TIERS) tier?: Tier;
}

export class UnitCodeParam {
  @Matches(UNIT_CODE, { message: 'code must be a 12-digit unit code' }) code!: string;
}

/** An admin renames a unit or takes it out of service (routing then skips it upward). */
export class UnitChange {
  @IsOptional() @IsString() @Length(1, 64) name?: string;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateUnitRequest extends UnitChange {
  @Matches(UNIT_CODE, { message: 'code must be a 12-digit unit code' }) code!: string;
}

export class CreateUserRequest {
  @Matches(/^[a-z][a-z0-9._-]{2,31}$/, { message: 'username must be 3-32 characters: lower-case letters, digits, . _ -, starting with a letter' })
  username!: string;
  @IsString() @MinLength(1) @MaxLength(256) password!: string;
  @IsString() @Length(1, 64) displayName!: string;
  @Matches(UNIT_CODE, { message: 'unitCode must be a 12-digit unit code' }) unitCode!: string;
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(ROLE_NAMES, { each: true }) roles!: (typeof ROLE_NAMES)[number][];
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unit: { code: string; name: string; tier: Tier };
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export type MeView = Pick<UserView, 'id' | 'username' | 'displayName' | 'roles' | 'unit'>;

export class ListUsersQuery extends PageQuery {
  @IsOptional() @Matches(UNIT_CODE, { message: 'unitCode must be a 12-digit unit code' }) unitCode?: string;
}

export class IdParam {
  @IsUUID() id!: string;
}

export class SetUserDisabledRequest {
  @IsUUID() id!: string;
  @IsBoolean() disabled!: boolean;
}

export class CreateClientRequest {
  @IsString() @Length(1, 100) name!: string;
  @Matches(UNIT_CODE, { message: 'unitCode must be a 12-digit unit code' }) unitCode!: string;
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(SCOPE_NAMES, { each: true }) scopes!: (typeof SCOPE_NAMES)[number][];
}

export interface ClientView {
  clientId: string;
  name: string;
  unitCode: string;
  scopes: string[];
  revokedAt: string | null;
  createdAt: string;
}

export interface CreatedClient extends ClientView {
  /** Shown once: only its hash is stored. */
  clientSecret: string;
}

export class ClientIdParam {
  @Matches(/^pc_[a-z0-9]{16,40}$/, { message: 'clientId is not a partner client id' }) clientId!: string;
}

export class ListClientsQuery extends PageQuery {
  @IsOptional() @Matches(UNIT_CODE, { message: 'unitCode must be a 12-digit unit code' }) unitCode?: string;
}

export class ListAuditQuery extends PageQuery {
  @IsOptional() @IsIn(['user', 'client', 'unit']) targetType?: 'user' | 'client' | 'unit';
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

