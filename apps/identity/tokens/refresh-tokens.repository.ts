import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RefreshRecord {
  familyId: string;
  userId: string;
  expired: boolean;
  usedAt: string | null;
  revokedAt: string | null;
}

@Injectable()
export class RefreshTokensRepository {
  async insert(m: EntityManager, tokenHash: string, familyId: string, userId: string, ttlS: number): Promise<void> {
    await m.query(`INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
      tokenHash,
      familyId,
      userId,
      ttlS,
    ]);
  }

  async findForUpdate(m: EntityManager, tokenHash: string): Promise<RefreshRecord | undefined> {
    const [row] = await m.query(
      `SELECT family_id AS "familyId", user_id AS "userId", expires_at <= now() AS expired, used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return row;
  }

  async markUsed(m: EntityManager, tokenHash: string): Promise<void> {
    await m.query('UPDATE refresh_token SET used_at = now() WHERE token_hash = $1', [tokenHash]);
  }

  async revokeFamily(m: EntityManager, familyId: string): Promise<void> {
    await m.query('UPDATE refresh_token SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1', [familyId]);
  }

  async revokeUser(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE refresh_token SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = $1', [userId]);
  }
}
