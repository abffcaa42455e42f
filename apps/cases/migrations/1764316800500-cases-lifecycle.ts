import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Supplements (一次性告知), deferred materials (容缺受理), special procedures, forwards, loadable calendar years. */
export class CasesLifecycle1764316800500 implements MigrationInterface {
  name = 'CasesLifecycle1764316800500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_file
        ADD COLUMN item_materials jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN item_procedures jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN owed_materials jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN supplement jsonb,
        ADD COLUMN forward_count integer NOT NULL DEFAULT 0,
        ADD COLUMN suspension jsonb,
        ADD COLUMN paused_days integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE case_material_request (
        case_id uuid NOT NULL CONSTRAINT case_material_request_case_fk REFERENCES case_file (id),
        round integer NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        supplied_at timestamptz,
        CONSTRAINT case_material_request_pk PRIMARY KEY (case_id, round, code)
      )`);
    await q.query(`
      CREATE TABLE calendar_year (
        year integer CONSTRAINT calendar_year_pk PRIMARY KEY,
        body jsonb NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_year');
    await q.query('DROP TABLE case_material_request');
    await q.query(`ALTER TABLE case_file DROP COLUMN item_materials, DROP COLUMN item_procedures, DROP COLUMN owed_materials, DROP COLUMN supplement,
      DROP COLUMN forward_count, DROP COLUMN suspension, DROP COLUMN paused_days`);
  }
}
