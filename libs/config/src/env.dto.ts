import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';

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

  /** `redis://host:port`. Secret when it carries a password. When set, work runs as BullMQ jobs on workers. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Who is acting, recorded in chain-of-custody and audit-log entries. Default: the OS user. */
  @IsOptional()
  @IsString()
  BIOAUDIT_OPERATOR?: string;

  /** The authority named on case files. */
  @IsOptional()
  @IsString()
  BIOAUDIT_AUTHORITY?: string;

  /** The authority's name in Chinese, for case files. */
  @IsOptional()
  @IsString()
  BIOAUDIT_AUTHORITY_ZH?: string;

  /** HTTP port of the API. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

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

  /** Jobs a worker runs at once. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BIOAUDIT_WORKER_CONCURRENCY?: number;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}
