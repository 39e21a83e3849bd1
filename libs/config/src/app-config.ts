import * as os from 'node:os';
import * as path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '@app/common';
import { EnvironmentVariables } from './env.dto';

/**
 * Where the master keys that seal evidence and case files come from. Secrets: never logged (describeConfig
 * shows only whether a key is set and the key file's path).
 */
export interface KeysConfig {
  /** BIOAUDIT_MASTER_KEY: 32 bytes, base64. When null, the key file is used (generated on first use). */
  masterKey: string | null;
  /** BIOAUDIT_PREVIOUS_MASTER_KEYS: older keys that still unwrap files until `bioaudit keys rotate` has run. */
  previousMasterKeys: string[];
  /** BIOAUDIT_MASTER_KEY_FILE, default `<home>/master.key`: one base64 key a line, the current one first. */
  keyFile: string;
  /** BIOAUDIT_SIGNING_KEY: the Ed25519 key that signs custody anchors (PKCS#8 PEM or base64 DER). Secret. */
  signingKey: string | null;
  /** Used when signingKey is unset: `signing.key` beside the master key file (generated on first use). */
  signingKeyFile: string;
  /**
   * BIOAUDIT_PSEUDONYM_KEY: 32 bytes, base64, the key of subject pseudonyms. Unset: derived from the current
   * master key (HKDF, fixed label). Secret.
   */
  pseudonymKey?: string;
}

export type DatabaseConfig =
  /** `sharedBuffersMb`: PostgreSQL's shared_buffers inside PGlite (BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB). */
  | { kind: 'embedded'; dataDir: string; sharedBuffersMb?: number }
  /** `migrationUrl`: the owner's URL, used only by `migrate` (which then grants `url`'s role its rights). */
  | { kind: 'postgres'; url: string; migrationUrl?: string };

/** A handling officer: name and enforcement certificate number (执法证号). */
export interface OfficerConfig {
  name: string;
  certificate: string;
}

/** The issuing authority and the people who sign its case files. */
export interface AuthorityConfig {
  name: { zh: string; en: string };
  /** Administrative division code (GB/T 2260) and name of the authority's region. */
  region: { code: string; zh: string; en: string };
  address: string | null;
  /** Two handling officers (APL art. 42), the legal reviewer (art. 58) and the head who approves. */
  officers: { handling: [OfficerConfig, OfficerConfig]; legalReviewer: string; head: string };
  /** The variables still at their placeholder defaults; while any is, case files are drafts. */
  unset: string[];
}

/** Languages a case file is written in: Chinese always first, English alongside when the bureau wants it. */
export type CaseFileLanguage = 'zh' | 'en';

/** Sessions, sign-in lockout and bearer tokens of the API. */
export interface AuthConfig {
  sessionIdleMs: number;
  sessionMaxMs: number;
  maxFailedLogins: number;
  lockoutMs: number;
  loginRatePerMinute: number;
  tokenDefaultDays: number;
  /** Take the client's address and scheme from X-Forwarded-For / X-Forwarded-Proto (one trusted proxy). */
  trustProxy: boolean;
  /** Secret: never described. Null: a random one per process. */
  csrfSecret: string | null;
  /** Single sign-on by OpenID Connect; null when not configured (sign-in by password only). */
  oidc: OidcConfig | null;
}

/**
 * An OpenID Connect identity provider the portal signs in with (authorization code flow, PKCE, state, nonce).
 * It only authenticates: the account must already exist in bioaudit, found by `usernameClaim`.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Secret: never described. Null: a public client (PKCE only). */
  clientSecret: string | null;
  /** Null: derived from the request (`<scheme>://<host>/api/auth/sso/callback`). */
  redirectUrl: string | null;
  usernameClaim: string;
  /** The provider's name on the sign-in button; null: the generic label. */
  name: string | null;
  scopes: string;
}

/** Schedules (libs/schedules): the bureau's zone their cron is read in, in-process running, alert delivery. */
export interface SchedulesConfig {
  /** BIOAUDIT_TIMEZONE (IANA), default Asia/Shanghai. */
  timeZone: string;
  /** BIOAUDIT_SCHEDULES: false when `off` (then `bioaudit serve` runs none in-process). */
  inProcess: boolean;
  /** BIOAUDIT_ALERT_WEBHOOK_URL. Secret (may carry a token): never described. */
  alertWebhookUrl: string | null;
}

/** Collection from terminals: how windows are cut and how long one page is tried. */
export interface CollectionConfig {
  overlapMs: number;
  settleMs: number;
  maxWindowMs: number;
  timeoutMs: number;
  /** Tries of one page (timeouts, 5xx, unreadable bodies) before the run fails. */
  pageAttempts: number;
  /** Wait before the second try, doubled for each next one. */
  retryDelayMs: number;
}

/** The typed, nested configuration every app receives; built once from the environment. */
export interface AppConfig {
  home: string;
  database: DatabaseConfig;
  redis: { url: string } | null;
  jobs: {
    chunkLines: number;
    lockDurationMs: number;
    workerConcurrency: number;
    prefix: string;
    /** How long a caller waits for a batch's chunks with none finishing before it gives up. */
    waitIdleMs: number;
    /** How often a caller waiting on workers prints a progress line when stderr is not a terminal. */
    progressIntervalMs: number;
  };
  /** `futureToleranceMs`: how far past the time of ingest an evidence time may lie (device clocks running fast). */
  ingest: { futureToleranceMs: number };
  /** Collection from terminals (@app/collection): windows, timeouts, retries of one page. */
  collection: CollectionConfig;
  evidenceDir: string;
  caseFilesDir: string;
  keys: KeysConfig;
  operator: string;
  authority: AuthorityConfig;
  caseFile: { languages: readonly CaseFileLanguage[]; draft: boolean };
  /** Things an operator should know about this configuration (the CLI prints them on stderr). */
  warnings: string[];
  /** `uploadMaxBytes`: the largest inspection upload (zip body or multipart total) the API accepts. */
  api: { host: string; port: number; uploadMaxBytes: number };
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  auth: AuthConfig;
  schedules: SchedulesConfig;
  /**
   * The supervision jobs (@app/supervision): when a re-audit opens a clue, when a window is near, how many days a
   * closed case's personal data is kept.
   */
  supervision: { clueThreshold: number; deadlineNearWorkingDays: number; retentionDays: number };
}

function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Validates `env` and maps it into an AppConfig. Fails with every bad variable listed at once.
 * The only place in the code base that reads environment variables.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { enableImplicitConversion: false });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new DomainError('CONFIG.INVALID', `Invalid environment: ${list.join('; ')}`, { errors: list });
  }
  const home = path.resolve(vars.BIOAUDIT_HOME ?? '.bioaudit');
  const authority = authorityOf(vars);
  const warnings: string[] = [];
  if (authority.unset.length > 0) {
    warnings.push(
      `case files are drafts (DRAFT watermark, placeholder names) until these are set: ${authority.unset.join(', ')}`,
    );
  }
  return {
    home,
    database: vars.DATABASE_URL
      ? {
          kind: 'postgres',
          url: vars.DATABASE_URL,
          ...(vars.MIGRATION_DATABASE_URL ? { migrationUrl: vars.MIGRATION_DATABASE_URL } : {}),
        }
      : {
          kind: 'embedded',
          dataDir: path.join(home, 'db'),
          sharedBuffersMb: vars.BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB ?? EMBEDDED_SHARED_BUFFERS_MB,
        },
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL } : null,
    jobs: {
      chunkLines: vars.BIOAUDIT_CHUNK_LINES ?? 100_000,
      lockDurationMs: vars.BIOAUDIT_JOB_LOCK_MS ?? 30_000,
      workerConcurrency: vars.BIOAUDIT_WORKER_CONCURRENCY ?? 1,
      prefix: vars.BIOAUDIT_QUEUE_PREFIX ?? 'bioaudit',
      waitIdleMs: (vars.BIOAUDIT_JOB_WAIT_S ?? 1800) * 1000,
      progressIntervalMs: (vars.BIOAUDIT_JOB_PROGRESS_S ?? 10) * 1000,
    },
    ingest: { futureToleranceMs: (vars.BIOAUDIT_INGEST_FUTURE_TOLERANCE_HOURS ?? 24) * 3_600_000 },
    collection: {
      overlapMs: (vars.BIOAUDIT_COLLECT_OVERLAP_MINUTES ?? 10) * 60_000,
      settleMs: (vars.BIOAUDIT_COLLECT_SETTLE_SECONDS ?? 60) * 1000,
      maxWindowMs: (vars.BIOAUDIT_COLLECT_MAX_WINDOW_HOURS ?? 168) * 3_600_000,
      timeoutMs: (vars.BIOAUDIT_COLLECT_TIMEOUT_SECONDS ?? 15) * 1000,
      pageAttempts: 3,
      retryDelayMs: 1000,
    },
    evidenceDir: path.join(home, 'evidence'),
    caseFilesDir: path.join(home, 'case-files'),
    keys: {
      masterKey: vars.BIOAUDIT_MASTER_KEY ?? null,
      previousMasterKeys: (vars.BIOAUDIT_PREVIOUS_MASTER_KEYS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k.length > 0),
      keyFile: path.resolve(vars.BIOAUDIT_MASTER_KEY_FILE ?? path.join(home, 'master.key')),
      signingKey: vars.BIOAUDIT_SIGNING_KEY ?? null,
      signingKeyFile: path.join(
        path.dirname(path.resolve(vars.BIOAUDIT_MASTER_KEY_FILE ?? path.join(home, 'master.key'))),
        'signing.key',
      ),
      pseudonymKey: vars.BIOAUDIT_PSEUDONYM_KEY,
    },
    operator: vars.BIOAUDIT_OPERATOR ?? operatorName(),
    authority,
    caseFile: {
      languages: vars.BIOAUDIT_CASE_FILE_LANGUAGES === 'zh,en' ? ['zh', 'en'] : ['zh'],
      draft: authority.unset.length > 0,
    },
    warnings,
    api: {
      host: vars.HOST ?? '127.0.0.1',
      port: vars.PORT ?? 3000,
      uploadMaxBytes: vars.BIOAUDIT_UPLOAD_MAX_BYTES ?? 2 * 1024 ** 3,
    },
    logLevel: vars.LOG_LEVEL ?? 'log',
    supervision: {
      clueThreshold: vars.BIOAUDIT_CLUE_THRESHOLD ?? 1,
      deadlineNearWorkingDays: vars.BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS ?? 3,
      retentionDays: vars.BIOAUDIT_RETENTION_DAYS ?? 365,
    },
    auth: {
      sessionIdleMs: (vars.BIOAUDIT_SESSION_IDLE_MINUTES ?? 30) * 60_000,
      sessionMaxMs: (vars.BIOAUDIT_SESSION_MAX_HOURS ?? 12) * 3_600_000,
      maxFailedLogins: vars.BIOAUDIT_LOGIN_MAX_FAILURES ?? 5,
      lockoutMs: (vars.BIOAUDIT_LOGIN_LOCKOUT_MINUTES ?? 15) * 60_000,
      loginRatePerMinute: vars.BIOAUDIT_LOGIN_RATE_PER_MINUTE ?? 10,
      tokenDefaultDays: vars.BIOAUDIT_TOKEN_DEFAULT_DAYS ?? 90,
      trustProxy: vars.BIOAUDIT_TRUST_PROXY === 'true',
      csrfSecret: vars.BIOAUDIT_CSRF_SECRET ?? null,
      oidc: oidcOf(vars),
    },
    schedules: {
      timeZone: vars.BIOAUDIT_TIMEZONE ?? 'Asia/Shanghai',
      inProcess: vars.BIOAUDIT_SCHEDULES !== 'off',
      alertWebhookUrl: vars.BIOAUDIT_ALERT_WEBHOOK_URL ?? null,
    },
  };
}

/** The single sign-on settings; null unless both the issuer and the client id are set (validated together). */
function oidcOf(vars: EnvironmentVariables): OidcConfig | null {
  if (!vars.BIOAUDIT_OIDC_ISSUER || !vars.BIOAUDIT_OIDC_CLIENT_ID) return null;
  return {
    issuer: vars.BIOAUDIT_OIDC_ISSUER,
    clientId: vars.BIOAUDIT_OIDC_CLIENT_ID,
    clientSecret: vars.BIOAUDIT_OIDC_CLIENT_SECRET ?? null,
    redirectUrl: vars.BIOAUDIT_OIDC_REDIRECT_URL ?? null,
    usernameClaim: vars.BIOAUDIT_OIDC_USERNAME_CLAIM ?? 'preferred_username',
    name: vars.BIOAUDIT_OIDC_NAME?.trim() || null,
    scopes: vars.BIOAUDIT_OIDC_SCOPES?.trim() ?? 'openid profile',
  };
}

/** Placeholders printed while the authority is not configured; they never pass for a real bureau. */
/**
 * The embedded engine's shared buffers unless configured: 32 MB instead of PGlite's 128 MB keeps a 1M- or
 * 10M-event ingest under 512 MB at the same speed (docs/benchmarks.md, "The write path").
 */
export const EMBEDDED_SHARED_BUFFERS_MB = 32;

const UNSET = { zh: '（未配置）', en: '(not configured)' };

function officer(value: string | undefined, n: number): OfficerConfig {
  if (!value) return { name: `${UNSET.zh}承办人${n}`, certificate: UNSET.zh };
  const [name, certificate] = value.split(';').map((s) => s.trim());
  return { name, certificate };
}

function authorityOf(vars: EnvironmentVariables): AuthorityConfig {
  const required = [
    'BIOAUDIT_AUTHORITY_ZH',
    'BIOAUDIT_AUTHORITY_REGION_CODE',
    'BIOAUDIT_AUTHORITY_REGION_ZH',
    'BIOAUDIT_OFFICER_1',
    'BIOAUDIT_OFFICER_2',
    'BIOAUDIT_LEGAL_REVIEWER',
    'BIOAUDIT_AUTHORITY_HEAD',
  ] as const;
  return {
    name: {
      zh: vars.BIOAUDIT_AUTHORITY_ZH ?? `${UNSET.zh}市场监督管理局`,
      en: vars.BIOAUDIT_AUTHORITY ?? 'Administration for Market Regulation (not configured)',
    },
    region: {
      code: vars.BIOAUDIT_AUTHORITY_REGION_CODE ?? '000000',
      zh: vars.BIOAUDIT_AUTHORITY_REGION_ZH ?? UNSET.zh,
      en: vars.BIOAUDIT_AUTHORITY_REGION ?? UNSET.en,
    },
    address: vars.BIOAUDIT_AUTHORITY_ADDRESS ?? null,
    officers: {
      handling: [officer(vars.BIOAUDIT_OFFICER_1, 1), officer(vars.BIOAUDIT_OFFICER_2, 2)],
      legalReviewer: vars.BIOAUDIT_LEGAL_REVIEWER ?? `${UNSET.zh}法制审核人`,
      head: vars.BIOAUDIT_AUTHORITY_HEAD ?? `${UNSET.zh}负责人`,
    },
    unset: required.filter((k) => !vars[k]),
  };
}

/** Redacts secrets (passwords in URLs) for logs and `bioaudit config`. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const redact = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
  return {
    home: config.home,
    database:
      config.database.kind === 'postgres'
        ? {
            kind: 'postgres',
            url: redact(config.database.url),
            ...(config.database.migrationUrl ? { migrationUrl: redact(config.database.migrationUrl) } : {}),
          }
        : config.database,
    redis: config.redis ? { url: redact(config.redis.url) } : null,
    keys: {
      masterKey: config.keys.masterKey ? '***' : null,
      previousMasterKeys: config.keys.previousMasterKeys.map(() => '***'),
      keyFile: config.keys.keyFile,
      signingKey: config.keys.signingKey ? '***' : null,
      signingKeyFile: config.keys.signingKeyFile,
      pseudonymKey: config.keys.pseudonymKey ? '***' : undefined,
    },
    operator: config.operator,
    authority: config.authority,
    caseFile: config.caseFile,
    sso: config.auth.oidc
      ? { ...config.auth.oidc, clientSecret: config.auth.oidc.clientSecret ? '***' : null }
      : null,
    warnings: config.warnings,
  };
}
