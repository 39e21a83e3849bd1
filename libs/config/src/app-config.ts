import * as os from 'node:os';
import * as path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '@app/common';
import { EnvironmentVariables } from './env.dto';

export type DatabaseConfig = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

/** The typed, nested configuration every app receives; built once from the environment. */
export interface AppConfig {
  home: string;
  database: DatabaseConfig;
  redis: { url: string } | null;
  jobs: { chunkLines: number; lockDurationMs: number; workerConcurrency: number; prefix: string };
  evidenceDir: string;
  caseFilesDir: string;
  operator: string;
  authority: { name: string; nameZh: string };
  api: { port: number };
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
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
  return {
    home,
    database: vars.DATABASE_URL
      ? { kind: 'postgres', url: vars.DATABASE_URL }
      : { kind: 'embedded', dataDir: path.join(home, 'db') },
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL } : null,
    jobs: {
      chunkLines: vars.BIOAUDIT_CHUNK_LINES ?? 100_000,
      lockDurationMs: vars.BIOAUDIT_JOB_LOCK_MS ?? 30_000,
      workerConcurrency: vars.BIOAUDIT_WORKER_CONCURRENCY ?? 1,
      prefix: vars.BIOAUDIT_QUEUE_PREFIX ?? 'bioaudit',
    },
    evidenceDir: path.join(home, 'evidence'),
    caseFilesDir: path.join(home, 'case-files'),
    operator: vars.BIOAUDIT_OPERATOR ?? operatorName(),
    authority: {
      name: vars.BIOAUDIT_AUTHORITY ?? 'Municipal Administration for Market Regulation',
      nameZh: vars.BIOAUDIT_AUTHORITY_ZH ?? '市场监督管理局',
    },
    api: { port: vars.PORT ?? 3000 },
    logLevel: vars.LOG_LEVEL ?? 'log',
  };
}

/** Redacts secrets (passwords in URLs) for logs and `bioaudit config`. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const redact = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
  return {
    home: config.home,
    database:
      config.database.kind === 'postgres'
        ? { kind: 'postgres', url: redact(config.database.url) }
        : config.database,
    redis: config.redis ? { url: redact(config.redis.url) } : null,
    operator: config.operator,
  };
}
