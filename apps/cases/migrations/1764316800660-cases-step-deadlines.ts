import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-step time limits: each flow step of the pinned item gets its due date at acceptance. */
export class CasesStepDeadlines1764316800660 implements MigrationInterface {
  name = 'CasesStepDeadlines1764316800660';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN item_steps jsonb NOT NULL DEFAULT '[]'::jsonb, ADD COLUMN step_deadlines jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_file DROP COLUMN item_steps, DROP COLUMN step_deadlines');
  }
}
