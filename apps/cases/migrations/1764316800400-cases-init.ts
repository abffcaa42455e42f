import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CasesInit1764316800400 implements MigrationInterface {
  name = 'CasesInit1764316800400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_file (
        id uuid CONSTRAINT case_file_pk PRIMARY KEY,
        tracking_no text NOT NULL CONSTRAINT case_file_tracking_no_uq UNIQUE,
        query_code text NOT NULL,
        status text NOT NULL,
        item_code text NOT NULL,
        item_version integer NOT NULL,
        item_name text NOT NULL,
        promised_days integer NOT NULL,
        legal_days integer NOT NULL,
        origin_unit_code char(12) NOT NULL,
        handling_unit_code char(12) NOT NULL,
        current_unit_code char(12) NOT NULL,
        route text[] NOT NULL,
        channel text NOT NULL CONSTRAINT case_file_channel_ck CHECK (channel IN ('agent', 'window', 'partner')),
        submitted_by text NOT NULL,
        applicant_name text NOT NULL,
        applicant_id_sealed text NOT NULL,
        applicant_id_masked text NOT NULL,
        applicant_id_lookup text NOT NULL,
        applicant_phone_masked text NOT NULL,
        applicant_phone_sealed text NOT NULL,
        materials jsonb NOT NULL,
        proxy jsonb,
        form_data jsonb,
        result jsonb,
        accepted_at timestamptz,
        promised_deadline date,
        legal_deadline date,
        deadline_provisional boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX case_file_status_idx ON case_file (status, created_at)');
    await q.query('CREATE INDEX case_file_applicant_idx ON case_file (applicant_id_lookup)');
    // The scope rule (DESIGN §4): a case is visible from its origin, its handling unit and every unit on its route.
    await q.query(`
      CREATE TABLE case_unit (
        case_id uuid NOT NULL CONSTRAINT case_unit_case_fk REFERENCES case_file (id),
        unit_path text NOT NULL,
        CONSTRAINT case_unit_pk PRIMARY KEY (case_id, unit_path)
      )`);
    await q.query('CREATE INDEX case_unit_path_idx ON case_unit (unit_path text_pattern_ops, case_id)');
    await q.query(`
      CREATE TABLE case_hop (
        case_id uuid NOT NULL CONSTRAINT case_hop_case_fk REFERENCES case_file (id),
        seq integer NOT NULL,
        from_unit_code char(12) NOT NULL,
        to_unit_code char(12) NOT NULL,
        direction text NOT NULL CONSTRAINT case_hop_direction_ck CHECK (direction IN ('up', 'down')),
        sent_at timestamptz NOT NULL,
        arrived_at timestamptz,
        CONSTRAINT case_hop_pk PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`
      CREATE TABLE case_timeline (
        case_id uuid NOT NULL CONSTRAINT case_timeline_case_fk REFERENCES case_file (id),
        seq integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        unit_code char(12) NOT NULL,
        actor_username text,
        actor_unit_code char(12),
        note text,
        CONSTRAINT case_timeline_pk PRIMARY KEY (case_id, seq)
      )`);
    // The timeline is a record: entries are added, never changed or removed.
    await q.query(`CREATE FUNCTION case_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the case timeline is append-only' USING ERRCODE = 'check_violation'; END $$`);
    await q.query('CREATE TRIGGER case_timeline_append_only_trg BEFORE UPDATE OR DELETE ON case_timeline FOR EACH ROW EXECUTE FUNCTION case_timeline_append_only()');
    await q.query(`
      CREATE TABLE tracking_sequence (
        county_code char(6) NOT NULL,
        day date NOT NULL,
        last integer NOT NULL,
        CONSTRAINT tracking_sequence_pk PRIMARY KEY (county_code, day)
      )`);
    await q.query(`
      CREATE TABLE idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        case_id uuid NOT NULL CONSTRAINT idempotency_key_case_fk REFERENCES case_file (id),
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_key_pk PRIMARY KEY (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['idempotency_key', 'tracking_sequence', 'case_timeline', 'case_hop', 'case_unit', 'case_file']) await q.query(`DROP TABLE ${t}`);
    await q.query('DROP FUNCTION case_timeline_append_only()');
  }
}
