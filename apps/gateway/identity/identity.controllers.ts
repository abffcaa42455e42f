import {
  ClientIdParam,
  ClientTokenRequest,
  CreateClientRequest,
  CreateUserRequest,
  IdentitySubjects,
  IdParam,
  ListAuditQuery,
  ListClientsQuery,
  ListUnitsQuery,
  ListUsersQuery,
  LoginRequest,
  RefreshRequest,
  UnitChange,
  UnitCodeParam,
} from '@app/contracts';
import { BusClient } from '@app/messaging';
import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { RateLimited } from '../auth/rate-limit.guard.js';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Post('api/v1/auth/login')
  @HttpCode(200)
  @RateLimited('login', 'username')
  @ApiOperation({ summary: 'Log in: a short-lived access token and a rotating refresh token' })
  @ApiBody({ type: LoginRequest, examples: { example: { value: { username: 'gulou-v1.agent', password: 'Demo-Password-2026' } } } })
  login(@Body() body: LoginRequest) {
    return this.bus.request(IdentitySubjects.login, body);
  }

  @Public()
  @Post('api/v1/auth/refresh')
  @HttpCode(200)
  @RateLimited('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; a reused refresh token ends its whole session' })
  @ApiBody({ type: RefreshRequest, examples: { example: { value: { refreshToken: '…' } } } })
  refresh(@Body() body: RefreshRequest) {
    return this.bus.request(IdentitySubjects.refresh, body);
  }

  @Public()
  @Post('api/v1/oauth/token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @RateLimited('token', 'client_id')
  @ApiOperation({ summary: 'OAuth2 client credentials (RFC 6749 §4.4), form or JSON; errors carry the RFC `error` code' })
  @ApiBody({ type: ClientTokenRequest, examples: { example: { value: { grant_type: 'client_credentials', client_id: 'pc_…', client_secret: 'pcs_…', scope: 'cases:read' } } } })
  token(@Body() body: ClientTokenRequest) {
    return this.bus.request(IdentitySubjects.clientToken, body);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'Public keys that verify access tokens' })
  jwks() {
    return this.bus.request(IdentitySubjects.jwks, {});
  }

  @Get('api/v1/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to' })
  me() {
    return this.bus.request(IdentitySubjects.me, {});
  }
}

@ApiTags('identity')
@Controller('api/v1/org-units')
export class OrgUnitsController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'The org tree (public): filter by parent and tier; ordered by code, paginated' })
  list(@Query() q: ListUnitsQuery) {
    return this.bus.request(IdentitySubjects.listUnits, q);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'One org unit (public)' })
  get(@Param() p: UnitCodeParam) {
    return this.bus.request(IdentitySubjects.getUnit, p);
  }

  @Patch(':code')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Rename a unit or take it out of service (admin, within scope); announced as v1.identity.unit.updated' })
  @ApiBody({ type: UnitChange, examples: { example: { value: { active: false } } } })
  update(@Param() p: UnitCodeParam, @Body() body: UnitChange) {
    return this.bus.request(IdentitySubjects.updateUnit, { ...body, code: p.code });
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin, within the admin’s unit subtree)' })
  @ApiBody({ type: CreateUserRequest, examples: { example: { value: { username: 'gulou.clerk2', password: 'Window-Clerk-2026', displayName: '古楼镇窗口', unitCode: '500117106000', roles: ['clerk'] } } } })
  create(@Body() body: CreateUserRequest) {
    return this.bus.request(IdentitySubjects.createUser, body);
  }

  @Get()
  @ApiOperation({ summary: 'Users in the caller’s scope (admin, supervisor)' })
  list(@Query() q: ListUsersQuery) {
    return this.bus.request(IdentitySubjects.listUsers, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admin, supervisor)' })
  get(@Param() p: IdParam) {
    return this.bus.request(IdentitySubjects.getUser, p);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a user: logins fail and existing tokens stop working within TOKEN_STATE_REFRESH_S (admin)' })
  disable(@Param() p: IdParam) {
    return this.bus.request(IdentitySubjects.setUserDisabled, { id: p.id, disabled: true });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a user again (admin)' })
  enable(@Param() p: IdParam) {
    return this.bus.request(IdentitySubjects.setUserDisabled, { id: p.id, disabled: false });
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1/partner-clients')
export class PartnerClientsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a partner system; the secret is shown once (admin)' })
  @ApiBody({ type: CreateClientRequest, examples: { example: { value: { name: '古楼镇网格系统', unitCode: '500117106000', scopes: ['cases:read', 'cases:write'] } } } })
  create(@Body() body: CreateClientRequest) {
    return this.bus.request(IdentitySubjects.createClient, body);
  }

  @Get()
  @ApiOperation({ summary: 'Partner clients in the caller’s scope (admin, supervisor)' })
  list(@Query() q: ListClientsQuery) {
    return this.bus.request(IdentitySubjects.listClients, q);
  }

  @Post(':clientId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a client: its tokens stop working within TOKEN_STATE_REFRESH_S (admin)' })
  revoke(@Param() p: ClientIdParam) {
    return this.bus.request(IdentitySubjects.revokeClient, p);
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Who changed which user, client or unit, newest first (admin)' })
  list(@Query() q: ListAuditQuery) {
    return this.bus.request(IdentitySubjects.listAudit, q);
  }
}
