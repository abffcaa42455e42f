import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const int = () => Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)));
const str = () => Transform(({ value }) => (value === '' ? undefined : value));

/**
 * Every environment variable the platform reads, with its default. This class is the only
 * place that knows variable names; README's configuration table mirrors it.
 */
export class EnvVars {
  /** HTTP port of the gateway. */
  @int() @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /**
   * Port of a bus service's HTTP health listener for orchestrator probes: `GET /health` (200 when
   * its database answers and the bus is connected, else 503) and `GET /health/live` (200 while the
   * process runs). Unset: no listener (the default; health stays a bus request). The gateway
   * ignores it: its health is on PORT.
   */
  @int() @IsOptional() @IsInt() @Min(1) @Max(65535)
  HEALTH_PORT?: number;

  /** PostgreSQL connection string. Unset: `npm start` runs an embedded PostgreSQL under ./data. */
  @str() @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /** Connections per service pool. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 5;

  /** Data directory of the embedded PostgreSQL (used only when DATABASE_URL is unset). */
  @str() @IsOptional() @IsString()
  EMBEDDED_PG_DIR = './data/postgres';

  /** Port of the embedded PostgreSQL. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** NATS server(s), comma separated. Unset: the in-process bus (single-process mode only). */
  @str() @IsOptional() @Matches(/^(nats|tls):\/\/[^,\s]+(,(nats|tls):\/\/[^,\s]+)*$/, { message: 'NATS_URL must be nats://host:port[,nats://host:port...]' })
  NATS_URL?: string;

  /** NATS user name of this process (per-service users with subject permissions, e.g. the Helm chart's). Unset: no authentication. */
  @str() @IsOptional() @IsString()
  NATS_USER?: string;

  /** Password of NATS_USER. */
  @str() @IsOptional() @IsString()
  NATS_PASSWORD?: string;

  /** Prefix of every NATS subject and stream: isolates several environments (or test runs) sharing one NATS. */
  @str() @IsOptional() @Matches(/^[a-z][a-z0-9]{0,31}$/, { message: 'BUS_NAMESPACE must be 1-32 lower-case letters or digits, starting with a letter' })
  BUS_NAMESPACE?: string;

  /** Timeout of every request-reply call on the bus, in ms. */
  @int() @IsOptional() @IsInt() @Min(50) @Max(120000)
  BUS_REQUEST_TIMEOUT_MS = 5000;

  /** Failed deliveries of one event (handler errors) before it is dead-lettered; a database outage does not count. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(100)
  EVENTS_MAX_DELIVER = 5;

  /** Redelivery delay after the first failure, in ms; doubles per attempt (capped at 30 s). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(60000)
  EVENTS_BACKOFF_MS = 200;

  /** Time a consumer has to process an event before JetStream redelivers it, in ms. */
  @int() @IsOptional() @IsInt() @Min(1000) @Max(3600000)
  EVENTS_ACK_WAIT_MS = 30000;

  /** JetStream replicas of each stream (3 on a 3-node cluster). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(5)
  STREAM_REPLICAS = 1;

  /** JetStream duplicate-detection window, in seconds. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(86400)
  STREAM_DUPLICATE_WINDOW_S = 120;

  /** Fallback polling interval of the outbox relay, in ms (pg_notify wakes it sooner). */
  @int() @IsOptional() @IsInt() @Min(10) @Max(60000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  /** Rows the relay claims per batch. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(10000)
  OUTBOX_BATCH_SIZE = 100;

  /** Hours published outbox rows are kept (the reconciler republishes from them). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(8760)
  OUTBOX_RETENTION_HOURS = 168;

  /** How often the outbox reconciler compares published rows with their stream, in seconds (also after every bus outage). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(86400)
  OUTBOX_RECONCILE_INTERVAL_S = 60;

  /** Password of the first admin (`admin`). Required unless DEMO_DATA is on (then one is generated and printed). */
  @str() @IsOptional() @IsString()
  ADMIN_PASSWORD?: string;

  /** Seed demo users and data (npm start sets it when it runs the embedded PostgreSQL). */
  @str() @IsOptional() @IsIn(['0', '1', 'true', 'false'])
  DEMO_DATA?: string;

  /** Lifetime of a user's access token, in seconds. */
  @int() @IsOptional() @IsInt() @Min(60) @Max(86400)
  ACCESS_TOKEN_TTL_S = 900;

  /** Lifetime of a partner client's access token, in seconds. */
  @int() @IsOptional() @IsInt() @Min(60) @Max(86400)
  CLIENT_TOKEN_TTL_S = 3600;

  /** Lifetime of a refresh token, in seconds. */
  @int() @IsOptional() @IsInt() @Min(300) @Max(31536000)
  REFRESH_TOKEN_TTL_S = 2592000;

  /** How often verifiers refetch identity's keys and revocations: a revoked client stops working within it. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(60)
  TOKEN_STATE_REFRESH_S = 30;

  /** Failed logins in a row before the account is locked. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** Lockout after too many failed logins, in seconds. */
  @int() @IsOptional() @IsInt() @Min(1) @Max(86400)
  LOGIN_LOCKOUT_S = 900;

  /** Login and token requests per minute per client IP (gateway). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(100000)
  RATE_LIMIT_PER_IP = 60;

  /** Login and token requests per minute per username or client id (gateway). */
  @int() @IsOptional() @IsInt() @Min(1) @Max(100000)
  RATE_LIMIT_PER_ACCOUNT = 10;

  /** Key that signs list cursors (any string of 32+ characters). Unset: a random key per process, fine for one instance. */
  @str() @IsOptional() @IsString() @MinLength(32)
  CURSOR_SECRET?: string;

  /** 32-byte key (64 hex characters) protecting ID numbers and phones at rest. Required outside the demo, and must never change. */
  @str() @IsOptional() @Matches(/^[0-9a-f]{64}$/i, { message: 'PERSONAL_DATA_KEY must be 64 hex characters (32 bytes)' })
  PERSONAL_DATA_KEY?: string;

  /** pino log level. */
  @str() @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}

export interface AppConfig {
  port: number;
  /** HEALTH_PORT: a bus service's HTTP health listener; undefined = none. */
  healthPort?: number;
  database: { url?: string; poolSize: number; embedded: { dir: string; port: number } };
  bus: { natsUrl?: string; natsUser?: string; natsPassword?: string; namespace?: string; requestTimeoutMs: number };
  events: {
    maxDeliver: number;
    backoffMs: number;
    ackWaitMs: number;
    streamReplicas: number;
    duplicateWindowS: number;
    outboxPollIntervalMs: number;
    outboxBatchSize: number;
    outboxRetentionHours: number;
    outboxReconcileIntervalMs: number;
  };
  log: { level: LogLevel };
  identity: {
    adminPassword?: string;
    accessTokenTtlS: number;
    clientTokenTtlS: number;
    refreshTokenTtlS: number;
    maxFailedLogins: number;
    lockoutS: number;
  };
  auth: { tokenStateRefreshMs: number; rateLimitPerIp: number; rateLimitPerAccount: number };
  cursorSecret: string;
  /** Seed demo users and the demo catalogue. */
  demoData: boolean;
  personalDataKey?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once and returns the typed configuration, or throws listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new EnvVars());
  const input = Object.fromEntries(Object.entries(env).filter(([k]) => known.includes(k)));
  const vars = plainToInstance(EnvVars, input, { exposeDefaultValues: true });
  const errors = validateSync(vars, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((msg) => `${e.property}=${JSON.stringify(env[e.property])}: ${msg}`)),
    );
  }
  return {
    port: vars.PORT,
    healthPort: vars.HEALTH_PORT,
    database: {
      url: vars.DATABASE_URL,
      poolSize: vars.DATABASE_POOL_SIZE,
      embedded: { dir: vars.EMBEDDED_PG_DIR, port: vars.EMBEDDED_PG_PORT },
    },
    bus: { natsUrl: vars.NATS_URL, natsUser: vars.NATS_USER, natsPassword: vars.NATS_PASSWORD, namespace: vars.BUS_NAMESPACE, requestTimeoutMs: vars.BUS_REQUEST_TIMEOUT_MS },
    events: {
      maxDeliver: vars.EVENTS_MAX_DELIVER,
      backoffMs: vars.EVENTS_BACKOFF_MS,
      ackWaitMs: vars.EVENTS_ACK_WAIT_MS,
      streamReplicas: vars.STREAM_REPLICAS,
      duplicateWindowS: vars.STREAM_DUPLICATE_WINDOW_S,
      outboxPollIntervalMs: vars.OUTBOX_POLL_INTERVAL_MS,
      outboxBatchSize: vars.OUTBOX_BATCH_SIZE,
      outboxRetentionHours: vars.OUTBOX_RETENTION_HOURS,
      outboxReconcileIntervalMs: vars.OUTBOX_RECONCILE_INTERVAL_S * 1000,
    },
    log: { level: vars.LOG_LEVEL },
    identity: {
      adminPassword: vars.ADMIN_PASSWORD,
      accessTokenTtlS: vars.ACCESS_TOKEN_TTL_S,
      clientTokenTtlS: vars.CLIENT_TOKEN_TTL_S,
      refreshTokenTtlS: vars.REFRESH_TOKEN_TTL_S,
      maxFailedLogins: vars.LOGIN_MAX_FAILURES,
      lockoutS: vars.LOGIN_LOCKOUT_S,
    },
    auth: { tokenStateRefreshMs: vars.TOKEN_STATE_REFRESH_S * 1000, rateLimitPerIp: vars.RATE_LIMIT_PER_IP, rateLimitPerAccount: vars.RATE_LIMIT_PER_ACCOUNT },
    cursorSecret: vars.CURSOR_SECRET ?? randomBytes(32).toString('hex'),
    demoData: vars.DEMO_DATA === '1' || vars.DEMO_DATA === 'true',
    personalDataKey: vars.PERSONAL_DATA_KEY,
  };
}
