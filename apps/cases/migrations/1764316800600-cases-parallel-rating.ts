import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Parallel approval (并联审批) and the resident's rating (好差评). */
export class CasesParallelRating1764316800600 implements MigrationInterface {
  name = 'CasesParallelRating1764316800600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN item_parallel jsonb, ADD COLUMN decisions jsonb, ADD COLUMN rating jsonb, ADD COLUMN received_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_file DROP COLUMN item_parallel, DROP COLUMN decisions, DROP COLUMN rating, DROP COLUMN received_at');
  }
}
