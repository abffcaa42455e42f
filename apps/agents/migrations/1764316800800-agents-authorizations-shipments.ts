import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentsAuthorizationsShipments1764316800800 implements MigrationInterface {
  name = 'AgentsAuthorizationsShipments1764316800800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proxy_authorization (
        authorization_no text CONSTRAINT proxy_authorization_pk PRIMARY KEY,
        agent text NOT NULL,
        agent_unit_path text NOT NULL,
        resident_name text NOT NULL,
        resident_id_masked text NOT NULL,
        item_code text NOT NULL,
        consent_at timestamptz NOT NULL,
        document_ref text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX proxy_authorization_agent_idx ON proxy_authorization (agent, created_at)');
    await q.query(`
      CREATE TABLE shipment (
        id uuid CONSTRAINT shipment_pk PRIMARY KEY,
        agent text NOT NULL,
        from_unit_code char(12) NOT NULL,
        to_unit_code char(12) NOT NULL,
        from_path text NOT NULL,
        status text NOT NULL CONSTRAINT shipment_status_ck CHECK (status IN ('sent', 'received')),
        manifest jsonb NOT NULL,
        discrepancies jsonb NOT NULL DEFAULT '[]'::jsonb,
        sent_at timestamptz NOT NULL DEFAULT now(),
        received_at timestamptz,
        received_by text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE shipment');
    await q.query('DROP TABLE proxy_authorization');
  }
}
