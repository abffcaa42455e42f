import { TOKEN_ALG } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * The ES256 keys identity signs access tokens with. Created on first start; every instance
 * signs with the oldest active key, and publishes all active keys as the JWKS.
 */
@Injectable()
export class SigningKeys {
  private current?: { kid: string; key: CryptoKey };

  constructor(private readonly ds: DataSource) {}

  async ensure(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('identity:signing-key'))`);
      const [active] = await m.query('SELECT kid FROM signing_key WHERE retired_at IS NULL LIMIT 1');
      if (active) return;
      const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
      const kid = randomUUID();
      const meta = { kid, alg: TOKEN_ALG, use: 'sig' };
      await m.query('INSERT INTO signing_key (kid, private_jwk, public_jwk) VALUES ($1, $2, $3)', [
        kid,
        JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }),
        JSON.stringify({ ...(await exportJWK(publicKey)), ...meta }),
      ]);
    });
  }

  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    if (!this.current) {
      const [row] = await this.ds.query('SELECT kid, private_jwk FROM signing_key WHERE retired_at IS NULL ORDER BY created_at, kid LIMIT 1');
      if (!row) throw new Error('no signing key: SigningKeys.ensure() did not run');
      this.current = { kid: row.kid, key: (await importJWK(row.private_jwk as JWK, TOKEN_ALG)) as CryptoKey };
    }
    return this.current;
  }

  /** Public keys still accepted: active ones and those retired less than a day ago. */
  publicKeys(): Promise<(JWK & { kid: string })[]> {
    return this.ds
      .query(`SELECT public_jwk FROM signing_key WHERE retired_at IS NULL OR retired_at > now() - interval '1 day' ORDER BY created_at`)
      .then((rows: { public_jwk: JWK & { kid: string } }[]) => rows.map((r) => r.public_jwk));
  }
}
