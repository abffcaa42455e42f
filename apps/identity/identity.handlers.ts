import { Caller, PublicHandler, type Principal } from '@app/auth';
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
  me(@Caller() caller: Principal) {
    return this.auth.me(caller);
  }
}

@Controller()
export class UsersHandler {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(IdentitySubjects.createUser)
  create(@Caller() caller: Principal, @Payload() req: CreateUserRequest) {
    return this.users.create(caller, req);
  }

  @MessagePattern(IdentitySubjects.listUsers)
  list(@Caller() caller: Principal, @Payload() q: ListUsersQuery) {
    return this.users.list(caller, q);
  }

  @MessagePattern(IdentitySubjects.getUser)
  get(@Caller() caller: Principal, @Payload() p: IdParam) {
    return this.users.get(caller, p.id);
  }

  @MessagePattern(IdentitySubjects.setUserDisabled)
  setDisabled(@Caller() caller: Principal, @Payload() req: SetUserDisabledRequest) {
    return this.users.setDisabled(caller, req.id, req.disabled);
  }
}

@Controller()
export class ClientsHandler {
  constructor(private readonly clients: ClientsService) {}

  @MessagePattern(IdentitySubjects.createClient)
  create(@Caller() caller: Principal, @Payload() req: CreateClientRequest) {
    return this.clients.create(caller, req);
  }

  @MessagePattern(IdentitySubjects.listClients)
  list(@Caller() caller: Principal, @Payload() q: ListClientsQuery) {
    return this.clients.list(caller, q);
  }

  @MessagePattern(IdentitySubjects.revokeClient)
  revoke(@Caller() caller: Principal, @Payload() p: ClientIdParam) {
    return this.clients.revoke(caller, p.clientId);
  }
}

@Controller()
export class AuditHandler {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(IdentitySubjects.listAudit)
  list(@Caller() caller: Principal, @Payload() q: ListAuditQuery) {
    return this.audit.list(caller, q);
  }
}
