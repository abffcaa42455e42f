import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentsInit1764316800700 implements MigrationInterface {
  name = 'AgentsInit1764316800700';

  async up(q: QueryRunner): Promise<void> {
    // The agents' copy of their cases, kept from the cases service's events.
    await q.query(`
      CREATE TABLE agent_case (
        case_id uuid CONSTRAINT agent_case_pk PRIMARY KEY,
        agent text NOT NULL,
        origin_unit_code char(12) NOT NULL,
        origin_path text NOT NULL,
        tracking_no text NOT NULL,
        item_code text NOT NULL,
        item_name text NOT NULL,
        status text NOT NULL,
        current_unit_code char(12) NOT NULL,
        promised_deadline date,
        version integer NOT NULL,
        filed_at timestamptz NOT NULL,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX agent_case_agent_idx ON agent_case (agent, status)');
    await q.query('CREATE INDEX agent_case_origin_idx ON agent_case (origin_path text_pattern_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE agent_case');
  }
}
