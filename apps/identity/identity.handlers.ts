import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import {
  ClientIdParam,
  ClientTokenRequest,
  CreateClientRequest,
  CreateUserRequest,
  IdentitySubjects,
  IdParam,
  ListAuditQuery,
  ListClientsQuery,
  ListUsersQuery,
  LoginRequest,
  RefreshRequest,
  SetUserDisabledRequest,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuditService } from './audit/audit.service.js';
import { ClientsService } from './clients/clients.service.js';
import { AuthService } from './tokens/auth.service.js';
import { SigningKeys } from './tokens/signing-keys.js';
import { UsersService } from './users/users.service.js';

/** Thin: parse (the payload classes validate), then delegate; the services authorize. */
@Controller()
export class TokensHandler {
  constructor(
    private readonly auth: AuthService,
    private readonly keys: SigningKeys,
  ) {}

  @PublicHandler()
  @MessagePattern(IdentitySubjects.login)
  login(@Payload() req: LoginRequest) {
    return this.auth.login(req);
  }

  @PublicHandler()
  @MessagePattern(IdentitySubjects.refresh)
  refresh(@Payload() req: RefreshRequest) {
    return this.auth.refresh(req.refreshToken);
  }

  @PublicHandler()
  @MessagePattern(IdentitySubjects.clientToken)
  clientToken(@Payload() req: ClientTokenRequest) {
    return this.auth.clientToken(req);
  }

  @PublicHandler()
  @MessagePattern(IdentitySubjects.tokenState)
  tokenState() {
    return this.auth.tokenState();
  }

  @PublicHandler()
  @MessagePattern(IdentitySubjects.jwks)
  async jwks() {
    return { keys: await this.keys.publicKeys() };
  }

  @MessagePattern(IdentitySubjects.me)
  me(@CurrentCaller() caller: Caller) {
    return this.auth.me(caller);
  }
}

@Controller()
export class UsersHandler {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @MessagePattern(IdentitySubjects.createUser)
  create(@CurrentCaller() caller: Caller, @Payload() req: CreateUserRequest) {
    return this.users.create(caller, req);
  }

  @Roles('admin', 'supervisor')
  @MessagePattern(IdentitySubjects.listUsers)
  list(@CurrentCaller() caller: Caller, @Payload() q: ListUsersQuery) {
    return this.users.list(caller, q);
  }

  @Roles('admin', 'supervisor')
  @MessagePattern(IdentitySubjects.getUser)
  get(@CurrentCaller() caller: Caller, @Payload() p: IdParam) {
    return this.users.get(caller, p.id);
  }

  @Roles('admin')
  @MessagePattern(IdentitySubjects.setUserDisabled)
  setDisabled(@CurrentCaller() caller: Caller, @Payload() req: SetUserDisabledRequest) {
    return this.users.setDisabled(caller, req.id, req.disabled);
  }
}

@Controller()
export class ClientsHandler {
  constructor(private readonly clients: ClientsService) {}

  @Roles('admin')
  @MessagePattern(IdentitySubjects.createClient)
  create(@CurrentCaller() caller: Caller, @Payload() req: CreateClientRequest) {
    return this.clients.create(caller, req);
  }

  @Roles('admin', 'supervisor')
  @MessagePattern(IdentitySubjects.listClients)
  list(@CurrentCaller() caller: Caller, @Payload() q: ListClientsQuery) {
    return this.clients.list(caller, q);
  }

  @Roles('admin')
  @MessagePattern(IdentitySubjects.revokeClient)
  revoke(@CurrentCaller() caller: Caller, @Payload() p: ClientIdParam) {
    return this.clients.revoke(caller, p.clientId);
  }
}

@Controller()
export class AuditHandler {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @MessagePattern(IdentitySubjects.listAudit)
  list(@CurrentCaller() caller: Caller, @Payload() q: ListAuditQuery) {
    return this.audit.list(caller, q);
  }
}
