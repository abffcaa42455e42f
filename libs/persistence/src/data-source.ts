import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema; every table of the service lives there and nowhere else. */
  schema: string;
  poolSize: number;
  entities?: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function>;
  applicationName: string;
}

/**
 * A DataSource bound to one service's schema: the search_path is the schema, so queries and
 * migrations never name it and can never touch another service's tables by accident.
 */
export function createServiceDataSource(opts: ServiceDataSourceOptions): DataSource {
  if (!/^[a-z][a-z0-9_]*$/.test(opts.schema)) throw new Error(`invalid schema name "${opts.schema}"`);
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities ?? [],
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: opts.applicationName,
    poolSize: opts.poolSize,
    extra: { options: `-c search_path=${opts.schema}`, connectionTimeoutMillis: 5000 },
  });
}

export interface MigrationLog {
  log(message: string): void;
}

/**
 * Creates the schema and runs pending migrations under a PostgreSQL advisory lock, so several
 * instances starting at once migrate exactly once and the others wait for it.
 */
export async function migrateSchema(ds: DataSource, log: MigrationLog): Promise<string[]> {
  const schema = (ds.options as { schema?: string }).schema;
  if (!schema) throw new Error('migrateSchema needs a DataSource bound to a schema');
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await ds.runMigrations({ transaction: 'each' });
      const names = applied.map((m) => m.name);
      log.log(names.length ? `${schema}: applied ${names.length} migration(s): ${names.join(', ')}` : `${schema}: schema up to date`);
      return names;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}
