import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The origin's path travels with the case events (read models scope by it). */
export class CasesOriginPath1764316800650 implements MigrationInterface {
  name = 'CasesOriginPath1764316800650';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN origin_path text NOT NULL DEFAULT ''`);
    await q.query(`UPDATE case_file c SET origin_path = (SELECT min(u.unit_path) FROM case_unit u WHERE u.case_id = c.id AND u.unit_path LIKE '%' || c.origin_unit_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_file DROP COLUMN origin_path');
  }
}
