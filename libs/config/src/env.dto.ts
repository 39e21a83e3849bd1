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

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}
