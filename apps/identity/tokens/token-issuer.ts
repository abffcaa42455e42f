import { claimsOf, TOKEN_ALG, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { SigningKeys } from './signing-keys.js';

@Injectable()
export class TokenIssuer {
  constructor(private readonly keys: SigningKeys) {}

  async accessToken(principal: Principal, ttlS: number): Promise<string> {
    const { kid, key } = await this.keys.signingKey();
    return new SignJWT({ ...claimsOf(principal) })
      .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'at+jwt' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(principal.subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttlS}s`)
      .sign(key);
  }
}
