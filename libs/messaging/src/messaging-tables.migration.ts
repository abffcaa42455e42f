import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox, inbox and dead-letter tables every service has in its own schema. Services list
 * this class first among their migrations. Unqualified names: the search_path is the service's
 * schema.
 */
export class MessagingTables1764316800000 implements MigrationInterface {
  name = 'MessagingTables1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial CONSTRAINT outbox_pk PRIMARY KEY,
        id uuid NOT NULL CONSTRAINT outbox_id_uq UNIQUE,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query('CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL');
    await q.query('CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL');
    // Statement-level trigger: one NOTIFY per inserting statement, delivered at commit only.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER outbox_notify_trg AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()');
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbox_pk PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text NOT NULL,
        deliveries integer NOT NULL,
        dead_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dead_letter_pk PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TRIGGER outbox_notify_trg ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
    await q.query('DROP TABLE outbox');
  }
}

/**
 * Where each published event landed: the stream's sequence and the stream's creation time (its
 * identity: a wiped and recreated stream has a new one). The reconciler compares them with the
 * stream to find events the stream lost. Rows published before this migration stay NULL and are
 * not reconciled.
 */
export class OutboxStreamPosition1764403200000 implements MigrationInterface {
  name = 'OutboxStreamPosition1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox ADD COLUMN stream_seq bigint, ADD COLUMN stream_created text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox DROP COLUMN stream_seq, DROP COLUMN stream_created');
  }
}

/**
 * How often each consumer's handler failed on an event (not counting deliveries that met a
 * database outage, nor redeliveries after a crash): the event is dead-lettered when this reaches
 * EVENTS_MAX_DELIVER. The row goes when the event is processed or dead-lettered.
 */
export class EventFailures1764489600000 implements MigrationInterface {
  name = 'EventFailures1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_failure (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        failures integer NOT NULL,
        last_error text NOT NULL,
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_failure_pk PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_failure');
  }
}

/** The messaging migrations, in order: every service lists them before its own. */
export const MESSAGING_MIGRATIONS = [MessagingTables1764316800000, OutboxStreamPosition1764403200000, EventFailures1764489600000];
