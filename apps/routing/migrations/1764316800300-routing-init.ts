import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingInit1764316800300 implements MigrationInterface {
  name = 'RoutingInit1764316800300';

  async up(q: QueryRunner): Promise<void> {
    // Local copies kept from identity's and catalogue's events (never read from their schemas).
    await q.query(`
      CREATE TABLE unit_copy (
        code char(12) CONSTRAINT unit_copy_pk PRIMARY KEY,
        name text NOT NULL,
        tier text NOT NULL,
        parent_code char(12),
        path text NOT NULL,
        active boolean NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE item_version_copy (
        code text NOT NULL,
        version integer NOT NULL,
        tier text NOT NULL,
        status text NOT NULL CONSTRAINT item_version_copy_status_ck CHECK (status IN ('published', 'superseded', 'retired')),
        CONSTRAINT item_version_copy_pk PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE delegation_rule (
        item_code text NOT NULL,
        town_code char(12) NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delegation_rule_pk PRIMARY KEY (item_code, town_code)
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial CONSTRAINT audit_log_pk PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'delegation_rule', 'item_version_copy', 'unit_copy']) await q.query(`DROP TABLE ${t}`);
  }
}
