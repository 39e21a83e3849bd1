import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Type } from 'class-transformer';

/** `name;certificate number`, neither part empty. */
const OFFICER = /^[^;]*\S[^;]*;\s*\S[^;]*$/;

/**
 * Every environment variable bioaudit reads, validated once at boot. Defaults give the embedded
 * single-machine setup; DATABASE_URL and REDIS_URL switch to servers. See `.env.example`.
 */
export class EnvironmentVariables {
  /** Folder of the embedded database, evidence store and case files. Default `./.bioaudit`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_HOME?: string;

  /** `postgres://user:pass@host:port/db`. Secret. When absent, the embedded database in BIOAUDIT_HOME is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * The schema owner's URL, used only by `bioaudit migrate`, which then creates DATABASE_URL's role if missing
   * and grants it only what the application needs (docs/operations.md "Roles"). Secret. Absent: one role.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  MIGRATION_DATABASE_URL?: string;

  /** `redis://host:port`. Secret when it carries a password. When set, work runs as BullMQ jobs on workers. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * The master key that wraps the per-file data keys of sealed evidence and case files: 32 random bytes in
   * base64 (`openssl rand -base64 32`). Secret. Unset: a key file under BIOAUDIT_HOME is generated (a warning).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'BIOAUDIT_MASTER_KEY must be 32 bytes in base64 (44 characters)',
  })
  BIOAUDIT_MASTER_KEY?: string;

  /** Earlier master keys, comma-separated base64, kept only until `bioaudit keys rotate` has re-wrapped every file. Secret. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, {
    message: 'BIOAUDIT_PREVIOUS_MASTER_KEYS must be comma-separated 32-byte base64 keys',
  })
  BIOAUDIT_PREVIOUS_MASTER_KEYS?: string;

  /**
   * The key of subject pseudonyms (`psn:` + HMAC-SHA256 of a reference that is a personal identifier): 32 bytes
   * in base64. Secret. Unset: derived from the master key (HKDF, fixed label), so no new secret to manage.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'BIOAUDIT_PSEUDONYM_KEY must be 32 bytes in base64 (44 characters)',
  })
  BIOAUDIT_PSEUDONYM_KEY?: string;

  /** The key file used when BIOAUDIT_MASTER_KEY is unset. Default `<BIOAUDIT_HOME>/master.key`. Secret contents. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_MASTER_KEY_FILE?: string;

  /**
   * The Ed25519 key that signs custody anchors (printed in case files, `bioaudit verify --anchor`): PKCS#8 PEM or
   * base64 DER (`openssl genpkey -algorithm ed25519`). Secret. Unset: `signing.key` beside the master key file
   * is generated (a warning). Its public key: `bioaudit verify --public-key`.
   */
  @IsOptional()
  @Matches(/^(-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----\s*|[A-Za-z0-9+/=\s]+)$/, {
    message: 'BIOAUDIT_SIGNING_KEY must be an Ed25519 private key, PKCS#8 PEM or base64 DER',
  })
  BIOAUDIT_SIGNING_KEY?: string;

  /** Who is acting, recorded in chain-of-custody and audit-log entries. Default: the OS user. */
  @IsOptional()
  @IsString()
  BIOAUDIT_OPERATOR?: string;

  /** The issuing authority's name in English (printed only when case files include English). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY?: string;

  /** The issuing authority's name in Chinese, as on its seal (e.g. 宁波市市场监督管理局). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY_ZH?: string;

  /** The authority's administrative division code (GB/T 2260, six digits, e.g. 330200 for Ningbo). */
  @IsOptional()
  @Matches(/^[1-8]\d{5}$/, {
    message: 'BIOAUDIT_AUTHORITY_REGION_CODE must be a six-digit administrative division code',
  })
  BIOAUDIT_AUTHORITY_REGION_CODE?: string;

  /** The authority's region in Chinese (e.g. 浙江省宁波市). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY_REGION_ZH?: string;

  /** The authority's region in English (e.g. Ningbo, Zhejiang). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY_REGION?: string;

  /** The authority's postal address, printed on the cover. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY_ADDRESS?: string;

  /** First handling officer (承办人): `name;enforcement certificate number`, e.g. `王五;33020019001`. */
  @IsOptional()
  @Matches(OFFICER, { message: 'BIOAUDIT_OFFICER_1 must be `name;certificate number`' })
  BIOAUDIT_OFFICER_1?: string;

  /** Second handling officer (APL art. 42: at least two), `name;enforcement certificate number`. */
  @IsOptional()
  @Matches(OFFICER, { message: 'BIOAUDIT_OFFICER_2 must be `name;certificate number`' })
  BIOAUDIT_OFFICER_2?: string;

  /** The legal reviewer (法制审核, APL art. 58): a name. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_LEGAL_REVIEWER?: string;

  /** The head of the authority who approves the decision (负责人): a name. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_AUTHORITY_HEAD?: string;

  /** Languages of case files: `zh` (default, Chinese only) or `zh,en` (English alongside). Chinese is always first. */
  @IsOptional()
  @IsIn(['zh', 'zh,en'], { message: 'BIOAUDIT_CASE_FILE_LANGUAGES must be zh or zh,en' })
  BIOAUDIT_CASE_FILE_LANGUAGES?: 'zh' | 'zh,en';

  /** Address the API listens on (`bioaudit serve`). Default 127.0.0.1: put a reverse proxy in front to expose it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  /** Largest inspection upload the API accepts (a zip body or multipart files, in bytes); beyond it 413. Default 2 GiB. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_UPLOAD_MAX_BYTES?: number;

  /** HTTP port of the API. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  /**
   * Evidence times later than the time of ingest plus this many hours are quarantined (INGEST.IMPLAUSIBLE_TIME):
   * room for device clocks running fast. Default 24.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(8760)
  BIOAUDIT_INGEST_FUTURE_TOLERANCE_HOURS?: number;

  /**
   * The embedded engine's shared buffers (MB): PGlite's PostgreSQL keeps them inside its WebAssembly heap, which
   * never shrinks, so they are most of the process's memory beyond Node itself (docs/benchmarks.md).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(16)
  @Max(4096)
  BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB?: number;

  /** With Redis: files longer than this many lines are split into chunks of this size for the workers. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  BIOAUDIT_CHUNK_LINES?: number;

  /** How long a worker's job lock lasts; a killed worker's job is retried elsewhere after this (ms). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  BIOAUDIT_JOB_LOCK_MS?: number;

  /** Prefix of every BullMQ key in Redis; separate deployments (or test runs) sharing a Redis use their own. */
  @IsOptional()
  @Matches(/^[a-z0-9-]+$/, { message: 'BIOAUDIT_QUEUE_PREFIX must be lower-case letters, digits and dashes' })
  BIOAUDIT_QUEUE_PREFIX?: string;

  /** With Redis: the CLI gives up (exit 75) when no chunk of a batch finished for this many seconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_JOB_WAIT_S?: number;

  /** With Redis and stderr not a terminal: seconds between the CLI's progress lines while it waits. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_JOB_PROGRESS_S?: number;

  /** Collection from terminals: minutes re-asked before the cursor (late events, slow clocks). Default 10. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1440)
  BIOAUDIT_COLLECT_OVERLAP_MINUTES?: number;

  /** Collection: seconds left out at the recent end (the terminal may still be writing). Default 60. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  BIOAUDIT_COLLECT_SETTLE_SECONDS?: number;

  /** Collection: the longest request window from a known start, in hours. Default 168 (a week). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_COLLECT_MAX_WINDOW_HOURS?: number;

  /** Collection: seconds a terminal has to answer one request. Default 15. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  BIOAUDIT_COLLECT_TIMEOUT_SECONDS?: number;

  /** Jobs a worker runs at once. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_WORKER_CONCURRENCY?: number;

  /** Minutes a browser session lives without use (then sign in again). Default 30. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  BIOAUDIT_SESSION_IDLE_MINUTES?: number;

  /** Hours a browser session lives at most, used or not. Default 12 (a working day). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  BIOAUDIT_SESSION_MAX_HOURS?: number;

  /** Wrong passwords in a row that lock an account. Default 5. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  BIOAUDIT_LOGIN_MAX_FAILURES?: number;

  /** Minutes an account stays locked after BIOAUDIT_LOGIN_MAX_FAILURES wrong passwords. Default 15. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10080)
  BIOAUDIT_LOGIN_LOCKOUT_MINUTES?: number;

  /** Sign-in attempts one address may make per minute (beyond: 429). Default 10. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_LOGIN_RATE_PER_MINUTE?: number;

  /** Days a new bearer token lives unless `--expires` / `expiresIn` says otherwise. Default 90. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(730)
  BIOAUDIT_TOKEN_DEFAULT_DAYS?: number;

  /**
   * `true` when the API runs behind one reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto: the
   * client's address (audit log, rate limit) and https (Secure cookies) are then taken from them. Default
   * false: the headers are ignored (anyone could send them).
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'BIOAUDIT_TRUST_PROXY must be true or false' })
  BIOAUDIT_TRUST_PROXY?: 'true' | 'false';

  /**
   * The secret CSRF tokens are signed with (32+ characters). Secret. Unset: a random one per process, which
   * is fine for one API process; set it when several replicas serve the same sessions.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  BIOAUDIT_CSRF_SECRET?: string;

  /**
   * Single sign-on (OpenID Connect): the identity provider's issuer URL (its discovery document is
   * `<issuer>/.well-known/openid-configuration`). https, or http on a loopback address only. Set together with
   * BIOAUDIT_OIDC_CLIENT_ID; both unset: sign-in by password only.
   */
  @ValidateIf(
    (v: EnvironmentVariables) =>
      v.BIOAUDIT_OIDC_CLIENT_ID !== undefined || v.BIOAUDIT_OIDC_ISSUER !== undefined,
  )
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    {
      message:
        "BIOAUDIT_OIDC_ISSUER must be the identity provider's https:// issuer URL (set with BIOAUDIT_OIDC_CLIENT_ID)",
    },
  )
  @Matches(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/, {
    message: 'BIOAUDIT_OIDC_ISSUER must be https:// (http:// only on a loopback address, for tests)',
  })
  BIOAUDIT_OIDC_ISSUER?: string;

  /** The client id bioaudit is registered under at the identity provider (with BIOAUDIT_OIDC_ISSUER). */
  @ValidateIf(
    (v: EnvironmentVariables) =>
      v.BIOAUDIT_OIDC_ISSUER !== undefined || v.BIOAUDIT_OIDC_CLIENT_ID !== undefined,
  )
  @IsString({ message: 'BIOAUDIT_OIDC_CLIENT_ID must be set with BIOAUDIT_OIDC_ISSUER' })
  @MinLength(1, { message: 'BIOAUDIT_OIDC_CLIENT_ID must be set with BIOAUDIT_OIDC_ISSUER' })
  BIOAUDIT_OIDC_CLIENT_ID?: string;

  /** The client secret (client_secret_basic). Secret. Unset: a public client (PKCE only, token auth `none`). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_OIDC_CLIENT_SECRET?: string;

  /**
   * The redirect URI registered at the identity provider, `https://<portal host>/api/auth/sso/callback`. Unset:
   * derived from each request's scheme and Host (X-Forwarded-Proto with BIOAUDIT_TRUST_PROXY).
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    {
      message:
        'BIOAUDIT_OIDC_REDIRECT_URL must be an http:// or https:// URL ending in /api/auth/sso/callback',
    },
  )
  @Matches(/\/api\/auth\/sso\/callback$/, {
    message: 'BIOAUDIT_OIDC_REDIRECT_URL must end in /api/auth/sso/callback',
  })
  BIOAUDIT_OIDC_REDIRECT_URL?: string;

  /** The ID token claim that holds the bioaudit username of the person signing in. Default `preferred_username`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'BIOAUDIT_OIDC_USERNAME_CLAIM must be a claim name' })
  BIOAUDIT_OIDC_USERNAME_CLAIM?: string;

  /** What the sign-in page's button calls the identity provider, e.g. `政务统一身份认证`. Default: none (a generic label). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BIOAUDIT_OIDC_NAME?: string;

  /** Scopes asked for, space-separated, `openid` among them. Default `openid profile`. */
  @IsOptional()
  @Matches(/(^|\s)openid(\s|$)/, { message: 'BIOAUDIT_OIDC_SCOPES must include openid' })
  BIOAUDIT_OIDC_SCOPES?: string;

  /** The bureau's time zone (IANA), in which schedules' cron expressions are read. Default Asia/Shanghai. */
  @IsOptional()
  @IsTimeZone({ message: 'BIOAUDIT_TIMEZONE must be an IANA time zone such as Asia/Shanghai' })
  BIOAUDIT_TIMEZONE?: string;

  /** `off` keeps `bioaudit serve` from running schedules in-process (embedded default only). Default `on`. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'BIOAUDIT_SCHEDULES must be on or off' })
  BIOAUDIT_SCHEDULES?: 'on' | 'off';

  /**
   * Where schedule alerts are POSTed as JSON (optional). Secret: the URL may carry a token. Unset: alerts go
   * to the audit log and the job history only.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'BIOAUDIT_ALERT_WEBHOOK_URL must be an http:// or https:// URL' },
  )
  BIOAUDIT_ALERT_WEBHOOK_URL?: string;

  /** New findings (captures without valid consent, by reason, plus site findings) a re-audit must find to open a clue. Default 1. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_CLUE_THRESHOLD?: number;

  /** Working days before a statutory window's last day from which the deadline watch raises a `near` task. Default 3. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS?: number;

  /**
   * Days a closed case's personal data is kept after the day it closed before the retention job removes it (sealed
   * subject identities, raw capture and consent files). The bureau's choice: no statute in our reference fixes it.
   * Default 365, beyond the six months in which the party may sue (ALL art. 46) and the 60 days for reconsideration.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  BIOAUDIT_RETENTION_DAYS?: number;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}
