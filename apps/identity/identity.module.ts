import { Module } from '@nestjs/common';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { ClientsRepository } from './clients/clients.repository.js';
import { ClientsService } from './clients/clients.service.js';
import { AuditHandler, ClientsHandler, TokensHandler, UsersHandler } from './identity.handlers.js';
import { IdentitySeeder } from './identity.seeder.js';
import { AuthService } from './tokens/auth.service.js';
import { RefreshTokensRepository } from './tokens/refresh-tokens.repository.js';
import { SigningKeys } from './tokens/signing-keys.js';
import { TokenIssuer } from './tokens/token-issuer.js';
import { UnitsHandler } from './units/units.handler.js';
import { UnitsRepository } from './units/units.repository.js';
import { UnitsService } from './units/units.service.js';
import { PasswordHasher } from './users/password.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/** Org units, staff and agents, partner clients, tokens, audit. */
@Module({
  controllers: [UnitsHandler, TokensHandler, UsersHandler, ClientsHandler, AuditHandler],
  providers: [
    UnitsRepository,
    UnitsService,
    UsersRepository,
    UsersService,
    ClientsRepository,
    ClientsService,
    AuditRepository,
    AuditService,
    RefreshTokensRepository,
    SigningKeys,
    TokenIssuer,
    AuthService,
    PasswordHasher,
    IdentitySeeder,
  ],
})
export class IdentityModule {}
