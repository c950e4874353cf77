import { resolve } from 'node:path';
import { z } from 'zod';
import { emailAddress } from '../auth/email.js';

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number (${what})`)
    .transform(Number)
    .refine((n) => n > 0, `must be greater than 0 (${what})`);

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting Parley reads, with its environment variable, what it accepts and its default. */
export const settings = {
  PARLEY_PORT: { schema: z.string().regex(/^\d+$/, 'must be a whole number (a TCP port from 0 to 65535)').transform(Number).refine((n) => n <= 65535, 'must be at most 65535'), default: '3000', about: 'TCP port of the web server (0: any free port).' },
  PARLEY_WEB_PROCESSES: { schema: positiveInt('processes').refine((n) => n <= 64, 'must be at most 64'), default: '1', about: '`parley start`: how many processes serve the web (one a CPU core, say); above 1, ingest and publishing run in a process of their own.' },
  PARLEY_HOST: { schema: z.string().min(1, 'must not be empty'), default: '0.0.0.0', about: 'Address the web server listens on.' },
  PARLEY_DATA_DIR: { schema: z.string().min(1, 'must not be empty'), default: './data', about: 'Folder for the embedded SQLite database and generated keys.' },
  PARLEY_DATABASE_URL: { schema: z.string().regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgres://user@host:5432/parley').optional(), default: undefined, about: 'PostgreSQL connection URL. Unset: embedded SQLite in the data folder.' },
  PARLEY_SECRET_KEY: { schema: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 random bytes), e.g. from `openssl rand -hex 32`').optional(), default: undefined, about: 'Key that encrypts credentials at rest. Unset: generated once into the data folder (mode 0600).' },
  PARLEY_ADMIN_EMAIL: { schema: emailAddress, default: 'admin@localhost', about: 'Email of the first admin account, made on first start.' },
  PARLEY_PUBLIC_URL: { schema: z.url({ error: 'must be a URL such as https://parley.example.gov.uk' }).optional(), default: undefined, about: 'Address users reach Parley at. With https, cookies are Secure and __Host- prefixed.' },
  PARLEY_TRUST_PROXY: { schema: flag, default: 'false', about: 'Trust X-Forwarded-* headers from a reverse proxy (true/false).' },
  PARLEY_SESSION_IDLE_MINUTES: { schema: positiveInt('minutes'), default: '30', about: 'A session ends after this many minutes without a request.' },
  PARLEY_SESSION_ABSOLUTE_HOURS: { schema: positiveInt('hours'), default: '12', about: 'A session ends this many hours after sign-in, whatever the activity.' },
  PARLEY_RATE_LIMIT_PER_MINUTE: { schema: z.string().regex(/^\d+$/, 'must be a whole number; 0 turns the limit off').transform(Number), default: '1200', about: 'Requests a client address may make a minute; 0 turns the limit off.' },
  PARLEY_ALLOW_PRIVATE_SOURCES: { schema: flag, default: 'false', about: 'Let sources be read from loopback and private network addresses (true/false); off, only the public internet.' },
  PARLEY_GUIDANCE_POLICY: { schema: z.string().trim().min(1, 'must not be empty').optional(), default: undefined, about: 'JSON file of the guidance check policy, validated at start. Unset: Parley’s default policy. Admins may replace it in the product.' },
  PARLEY_LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info', about: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
} as const;

type SettingName = keyof typeof settings;

/** Validated configuration. */
export interface Config {
  port: number;
  /** How many processes `parley start` serves the web with. */
  webProcesses: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  adminEmail: string;
  publicUrl: string | undefined;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  rateLimitPerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Sources may be read from loopback and private addresses (else the public internet only). */
  allowPrivateSources: boolean;
  /** The guidance policy file (an absolute path), read and validated by the guidance feature at start; unset: its default. */
  guidancePolicyFile: string | undefined;
  /** True when the public URL is https: cookies are then Secure and __Host- prefixed. */
  secureCookies: boolean;
}

/** A configuration problem, naming each variable and what it accepts. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Parley cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function read<T>(env: NodeJS.ProcessEnv, name: SettingName, schema: z.ZodType<T>, problems: string[]): T | undefined {
  const raw = env[name] === '' ? undefined : env[name];
  const value = raw ?? settings[name].default;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]?.message ?? 'is not valid';
  problems.push(`${name}=${JSON.stringify(raw)} ${issue}`);
  return undefined;
}

/** Reads and validates every PARLEY_* setting; throws ConfigError listing all that are wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = read(env, 'PARLEY_PORT', settings.PARLEY_PORT.schema, problems);
  const host = read(env, 'PARLEY_HOST', settings.PARLEY_HOST.schema, problems);
  const webProcesses = read(env, 'PARLEY_WEB_PROCESSES', settings.PARLEY_WEB_PROCESSES.schema, problems);
  const dataDir = read(env, 'PARLEY_DATA_DIR', settings.PARLEY_DATA_DIR.schema, problems);
  const databaseUrl = read(env, 'PARLEY_DATABASE_URL', settings.PARLEY_DATABASE_URL.schema, problems);
  const secretKey = read(env, 'PARLEY_SECRET_KEY', settings.PARLEY_SECRET_KEY.schema, problems);
  const adminEmail = read(env, 'PARLEY_ADMIN_EMAIL', settings.PARLEY_ADMIN_EMAIL.schema, problems);
  const publicUrl = read(env, 'PARLEY_PUBLIC_URL', settings.PARLEY_PUBLIC_URL.schema, problems);
  const trustProxy = read(env, 'PARLEY_TRUST_PROXY', settings.PARLEY_TRUST_PROXY.schema, problems);
  const idle = read(env, 'PARLEY_SESSION_IDLE_MINUTES', settings.PARLEY_SESSION_IDLE_MINUTES.schema, problems);
  const absolute = read(env, 'PARLEY_SESSION_ABSOLUTE_HOURS', settings.PARLEY_SESSION_ABSOLUTE_HOURS.schema, problems);
  const rateLimit = read(env, 'PARLEY_RATE_LIMIT_PER_MINUTE', settings.PARLEY_RATE_LIMIT_PER_MINUTE.schema, problems);
  const logLevel = read(env, 'PARLEY_LOG_LEVEL', settings.PARLEY_LOG_LEVEL.schema, problems);
  const allowPrivateSources = read(env, 'PARLEY_ALLOW_PRIVATE_SOURCES', settings.PARLEY_ALLOW_PRIVATE_SOURCES.schema, problems);
  const guidancePolicyFile = read(env, 'PARLEY_GUIDANCE_POLICY', settings.PARLEY_GUIDANCE_POLICY.schema, problems);
  if (
    problems.length > 0 || port === undefined || webProcesses === undefined || host === undefined || dataDir === undefined || adminEmail === undefined ||
    trustProxy === undefined || idle === undefined || absolute === undefined || rateLimit === undefined || logLevel === undefined || allowPrivateSources === undefined
  ) {
    throw new ConfigError(problems);
  }
  return {
    port,
    webProcesses,
    host,
    dataDir: resolve(dataDir),
    databaseUrl,
    secretKey,
    adminEmail,
    publicUrl,
    trustProxy,
    sessionIdleMs: idle * 60_000,
    sessionAbsoluteMs: absolute * 3_600_000,
    rateLimitPerMinute: rateLimit,
    logLevel,
    allowPrivateSources,
    guidancePolicyFile: guidancePolicyFile === undefined ? undefined : resolve(guidancePolicyFile),
    secureCookies: publicUrl?.startsWith('https:') ?? false,
  };
}
