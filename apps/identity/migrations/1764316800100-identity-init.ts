import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityInit1764316800100 implements MigrationInterface {
  name = 'IdentityInit1764316800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit (
        code char(12) CONSTRAINT org_unit_pk PRIMARY KEY,
        name text NOT NULL,
        tier text NOT NULL CONSTRAINT org_unit_tier_ck CHECK (tier IN ('district', 'town', 'village')),
        kind text NOT NULL CONSTRAINT org_unit_kind_ck CHECK (kind IN ('district', 'street', 'town', 'community', 'village')),
        parent_code char(12) CONSTRAINT org_unit_parent_fk REFERENCES org_unit (code),
        path text NOT NULL CONSTRAINT org_unit_path_uq UNIQUE,
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX org_unit_parent_idx ON org_unit (parent_code, code)');
    await q.query('CREATE INDEX org_unit_tier_idx ON org_unit (tier, code)');
    await q.query(`
      CREATE TABLE user_account (
        id uuid CONSTRAINT user_account_pk PRIMARY KEY,
        username text NOT NULL CONSTRAINT user_account_username_uq UNIQUE,
        display_name text NOT NULL,
        unit_code char(12) NOT NULL CONSTRAINT user_account_unit_fk REFERENCES org_unit (code),
        roles text[] NOT NULL,
        password_hash text NOT NULL,
        disabled_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX user_account_unit_idx ON user_account (unit_code, id)');
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash text CONSTRAINT refresh_token_pk PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL CONSTRAINT refresh_token_user_fk REFERENCES user_account (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query('CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)');
    await q.query(`
      CREATE TABLE partner_client (
        client_id text CONSTRAINT partner_client_pk PRIMARY KEY,
        name text NOT NULL,
        unit_code char(12) NOT NULL CONSTRAINT partner_client_unit_fk REFERENCES org_unit (code),
        scopes text[] NOT NULL,
        secret_hash text NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX partner_client_unit_idx ON partner_client (unit_code, client_id)');
    await q.query(`
      CREATE TABLE signing_key (
        kid text CONSTRAINT signing_key_pk PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial CONSTRAINT audit_log_pk PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        scope_path text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query('CREATE INDEX audit_log_scope_idx ON audit_log (scope_path text_pattern_ops, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'signing_key', 'partner_client', 'refresh_token', 'user_account', 'org_unit']) await q.query(`DROP TABLE ${t}`);
  }
}
