import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, MinLength, validateSync } from 'class-validator';
import { IsIanaTimeZone } from '../common/time-zone';
import { INSECURE_DEFAULT_JWT_SECRET, weakProductionSecret } from './jwt-secret-strength';

export type AppMode = 'production' | 'demo' | 'test' | 'development';

/** Every setting the service reads from its environment, typed and validated once at start-up. */
export class Environment {
  @IsIn(['production', 'demo', 'test', 'development'])
  NODE_ENV: AppMode = 'development';

  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/beamtime';

  /**
   * How long a request or job waits to get a database connection before it fails (503 for a request;
   * a worker then waits for the database). Keeps an outage from hanging requests.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @Max(60000)
  @IsInt()
  DB_CONNECT_TIMEOUT_MS = 3000;

  /** PostgreSQL cancels a statement of the service running longer than this (0: no limit). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @IsInt()
  DB_STATEMENT_TIMEOUT_MS = 30000;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; tests give each file its own so parallel files never share queues. */
  @IsString()
  QUEUE_PREFIX = 'beamtime';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  /** The center's zone when the first migration creates the calendar (PUT /calendar changes it later). */
  @IsIanaTimeZone({ message: 'TZ_CENTER must be an IANA time zone such as Asia/Almaty' })
  TZ_CENTER = 'Asia/Almaty';

  /**
   * The center as its patients' letters and calendar entries name it (docs/patient-files.md). Plain
   * settings rather than a table: they change once in years, with a deployment, and the letter must
   * not print a half-edited address. The defaults are placeholders for development and the demo.
   */
  @IsString()
  @Length(1, 200)
  CENTER_NAME = 'Beamtime Proton Therapy Center';

  @IsString()
  @Length(1, 300)
  CENTER_ADDRESS = 'Astana, Kazakhstan';

  @IsString()
  @Length(1, 50)
  CENTER_PHONE = '+7 7172 000 000';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;

  @IsString()
  JWT_EXPIRES_IN = '8h';

  @IsString()
  DEMO_PASSWORD = 'beamtime-demo';

  /** Login attempts per minute per client IP; 0 disables. Default 10 (unlimited when NODE_ENV=test). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @IsInt()
  LOGIN_RATE_LIMIT?: number;

  /** Comma-separated browser origins allowed by CORS; unset means CORS stays off. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(1)
  @Max(64)
  @IsInt()
  WORKER_CONCURRENCY = 4;

  /**
   * HTTP processes of the api role, sharing PORT (node:cluster); each has its own database pool. One
   * process uses one core: a busy API wants one per core (docs/load.md). Ignored by the worker and all roles.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(1)
  @Max(32)
  @IsInt()
  API_PROCESSES = 1;

  /** Off in tests that need no background schedulers. */
  @IsIn(['true', 'false'])
  RECONCILER_ENABLED = 'true';

  /** How often the reconciler re-enqueues QUEUED courses / PENDING reschedules without a live job. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(200)
  @IsInt()
  RECONCILER_EVERY_MS = 15000;

  /**
   * Early starts: places still free two days ahead go to the routine course booked next in them
   * (see docs/allocation.md). Off in tests that need no background schedulers.
   */
  @IsIn(['true', 'false'])
  EARLY_STARTS_ENABLED = 'true';

  /** How often free places are offered (each run offers the day two days ahead; hourly covers weekends and cancellations). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(200)
  @IsInt()
  EARLY_STARTS_EVERY_MS = 3600000;

  /**
   * Nightly compaction (bounded shifts): the day two days ahead has fractions shifted within the
   * limits so slivers merge into places, then those places are offered (docs/scheduling-core.md).
   */
  @IsIn(['true', 'false'])
  COMPACTION_ENABLED = 'true';

  /** How often the compaction scheduler fires; each run compacts one date, once (the job id carries it). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(200)
  @IsInt()
  COMPACTION_EVERY_MS = 86400000;

  /** Length of one quota "hold day" in seconds: 86400 in real use; tests shrink it to see holds expire. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(1)
  @Max(86400)
  @IsInt()
  QUOTA_HOLD_UNIT_SECONDS = 86400;

  /** How often the safety net expires holds whose delayed job was lost (needs RECONCILER_ENABLED). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(200)
  @IsInt()
  QUOTA_HOLD_SWEEP_EVERY_MS = 30000;

  /** Worker threads a forecast job simulates on (0: inline on the worker's event loop, yielding between runs). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @Max(16)
  @IsInt()
  FORECAST_THREADS = 1;

  /**
   * How long a request waits for an earlier one with the same Idempotency-Key (and the same body)
   * to finish, to replay its response, before it answers 409 with Retry-After. 0: answer 409 at once.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @Max(60000)
  @IsInt()
  IDEMPOTENCY_WAIT_MS = 5000;

  /** SMTP server for patient e-mails (nodemailer URL, e.g. smtps://user:pass@mail.example:465); unset: e-mail is off. Never logged. */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /** The From of patient e-mails. */
  @IsString()
  SMTP_FROM = 'Beamtime <no-reply@beamtime.local>';

  /** SMS notices through the configured gateway (the built-in one only logs). */
  @IsIn(['true', 'false'])
  SMS_ENABLED = 'true';

  /** A patient's changes within this window after the first make one notice (one downtime moving 20 fractions: one e-mail). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(0)
  @Max(3600000)
  @IsInt()
  NOTIFY_COALESCE_MS = 120000;

  /** How often a worker turns new outbox events into notices (the reconciler does it too, as a safety net). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @IsInt()
  NOTIFY_RELAY_EVERY_MS = 1000;

  /** First retry delay of a failed delivery; it doubles each time, up to NOTIFY_RETRY_MAX_DELAY_MS. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @IsInt()
  NOTIFY_RETRY_BASE_MS = 30000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @IsInt()
  NOTIFY_RETRY_MAX_DELAY_MS = 3600000;

  /** A notice still undelivered this long after its first attempt is marked FAILED (24 h) and shown to the administrator. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @IsInt()
  NOTIFY_RETRY_FOR_MS = 86400000;

  /** How long one webhook call may take before it counts as failed. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @Min(100)
  @Max(60000)
  @IsInt()
  WEBHOOK_TIMEOUT_MS = 10000;
}

/**
 * Validates process.env; throws one readable line per problem so a bad deployment stops at boot.
 * A strong JWT secret is mandatory in production (jwt-secret-strength.ts); demo/test/development
 * tolerate a fixed one.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
  const env = plainToInstance(Environment, cleaned, { exposeDefaultValues: true });
  // One message a setting, the first check that fails: the type, since @IsInt() sits nearest each
  // numeric property and class-validator checks that decorator first (PORT=abc: not an integer).
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false, stopAtFirstError: true });
  // In production the secret's strength check replaces the generic length message: one reason, saying how to fix it.
  const weakSecret = env.NODE_ENV === 'production' ? weakProductionSecret(env.JWT_SECRET) : null;
  const problems = errors
    .filter((e) => !(weakSecret && e.property === 'JWT_SECRET'))
    .flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (weakSecret) problems.push(`JWT_SECRET: ${weakSecret}`);
  else if (!env.JWT_SECRET && env.NODE_ENV !== 'production') env.JWT_SECRET = INSECURE_DEFAULT_JWT_SECRET;
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return env;
}
