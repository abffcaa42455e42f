import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/runtime';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditRepository } from './audit/audit.repository.js';
import { SigningKeys } from './tokens/signing-keys.js';
import { UnitsService } from './units/units.service.js';
import { assertPasswordAcceptable, PasswordHasher } from './users/password.js';
import { UsersRepository } from './users/users.repository.js';

export const DISTRICT_CODE = '500117000000';
export const DEMO_PASSWORD = 'Demo-Password-2026';
/** Demo units: the district, 古楼镇 and 钱塘镇, and two villages under each of the two towns. */
const DEMO_TOWNS = [
  { code: '500117106000', slug: 'gulou' },
  { code: '500117100000', slug: 'qiantang' },
];
const DEMO_ROLES = ['admin', 'clerk', 'approver', 'supervisor', 'agent'] as const;

/** On every start, idempotently: the org tree, a signing key, the first admin and (demo only) the demo users. */
@Injectable()
export class IdentitySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitsService,
    private readonly keys: SigningKeys,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.units.seed();
    await this.keys.ensure();
    await this.seedAdmin();
    if (this.config.demoData) await this.seedDemoUsers();
  }

  private async seedAdmin(): Promise<void> {
    const [existing] = await this.ds.query(`SELECT 1 FROM user_account WHERE username = 'admin'`);
    if (existing) return;
    let password = this.config.identity.adminPassword;
    if (!password) {
      if (!this.config.demoData) throw new Error('ADMIN_PASSWORD is required to create the first admin (only the demo generates one)');
      password = `Adm-${randomBytes(12).toString('base64url')}-1`;
      this.logger.warn(`first admin: username "admin", generated password "${password}" (set ADMIN_PASSWORD to choose it)`);
    }
    assertPasswordAcceptable(password, 'admin', 'ADMIN_PASSWORD');
    await this.createUser('admin', '系统管理员', DISTRICT_CODE, ['admin'], password, false);
  }

  private async seedDemoUsers(): Promise<void> {
    const units: { code: string; slug: string }[] = [{ code: DISTRICT_CODE, slug: 'hechuan' }];
    for (const town of DEMO_TOWNS) {
      units.push(town);
      const villages: { code: string }[] = await this.ds.query(`SELECT code FROM org_unit WHERE parent_code = $1 AND kind = 'village' ORDER BY code LIMIT 2`, [town.code]);
      villages.forEach((v, i) => units.push({ code: v.code, slug: `${town.slug}-v${i + 1}` }));
    }
    const hash = await this.hasher.hash(DEMO_PASSWORD);
    let created = 0;
    for (const unit of units) {
      for (const role of DEMO_ROLES) {
        if (await this.createUser(`${unit.slug}.${role}`, `${unit.slug} ${role} (demo)`, unit.code, [role], DEMO_PASSWORD, true, hash)) created++;
      }
    }
    if (created) this.logger.info(`demo users: ${created} created (<unit>.<role>, e.g. gulou-v1.agent; password "${DEMO_PASSWORD}")`);
  }

  private async createUser(username: string, displayName: string, unitCode: string, roles: string[], password: string, demo: boolean, hash?: string): Promise<boolean> {
    const passwordHash = hash ?? (await this.hasher.hash(password));
    return this.ds.transaction(async (m) => {
      const id = randomUUID();
      const created = await this.users.insert(m, { id, username, displayName, unitCode, roles, passwordHash, demo });
      if (created) {
        const [unit] = await m.query('SELECT path FROM org_unit WHERE code = $1', [unitCode]);
        await this.audit.append(m, { actor: 'system', action: 'user.created', targetType: 'user', targetId: id, scopePath: unit.path, details: { username, roles, seed: true } });
      }
      return created;
    });
  }
}
