import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogueInit1764316800200 implements MigrationInterface {
  name = 'CatalogueInit1764316800200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_item (
        code text CONSTRAINT service_item_pk PRIMARY KEY,
        current_version integer,
        latest_version integer NOT NULL,
        status text NOT NULL CONSTRAINT service_item_status_ck CHECK (status IN ('draft', 'published', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE service_item_version (
        code text NOT NULL CONSTRAINT service_item_version_item_fk REFERENCES service_item (code),
        version integer NOT NULL,
        status text NOT NULL CONSTRAINT service_item_version_status_ck CHECK (status IN ('draft', 'published', 'superseded', 'retired')),
        name text NOT NULL,
        category text NOT NULL,
        department text NOT NULL,
        tier text NOT NULL,
        legal_days integer NOT NULL,
        promised_days integer NOT NULL,
        has_steps boolean NOT NULL,
        body jsonb NOT NULL,
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CONSTRAINT service_item_version_pk PRIMARY KEY (code, version),
        CONSTRAINT service_item_version_promised_ck CHECK (promised_days <= legal_days)
      )`);
    // Public reads look at current published versions only.
    await q.query(`CREATE INDEX service_item_version_published_idx ON service_item_version (code) WHERE status = 'published'`);
    // A published (or superseded, retired) version is what cases were filed under: its content never changes.
    await q.query(`
      CREATE FUNCTION service_item_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' AND (NEW.body IS DISTINCT FROM OLD.body OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
            OR NEW.version IS DISTINCT FROM OLD.version OR NEW.code IS DISTINCT FROM OLD.code) THEN
          RAISE EXCEPTION 'service item % version % is %: it cannot change', OLD.code, OLD.version, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER service_item_version_immutable_trg BEFORE UPDATE ON service_item_version FOR EACH ROW EXECUTE FUNCTION service_item_version_immutable()`);
    await q.query(`CREATE FUNCTION service_item_version_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'service item % version % cannot be deleted', OLD.code, OLD.version USING ERRCODE = 'check_violation'; END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER service_item_version_no_delete_trg BEFORE DELETE ON service_item_version FOR EACH ROW EXECUTE FUNCTION service_item_version_no_delete()`);
    await q.query(`
      CREATE TABLE import_job (
        id uuid CONSTRAINT import_job_pk PRIMARY KEY,
        status text NOT NULL CONSTRAINT import_job_status_ck CHECK (status IN ('running', 'succeeded', 'failed', 'rejected')),
        format text NOT NULL,
        mode text NOT NULL,
        actor text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_job');
    await q.query('DROP TABLE service_item_version');
    await q.query('DROP FUNCTION service_item_version_immutable()');
    await q.query('DROP FUNCTION service_item_version_no_delete()');
    await q.query('DROP TABLE service_item');
  }
}
