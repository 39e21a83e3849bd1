import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { DomainError } from '@app/common';
import type { AnyJobDataByName, AnyJobName, JobDataByName } from './queue.contracts';
import { QUEUE_ERRORS } from './queue.errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/*
 * The payload of every job as a class-validator schema, checked where a job crosses the queue: when it is
 * enqueued and again when a worker takes it (Redis is another process's memory; a payload written by an older
 * release, by hand or by a bug must fail at once, for good, naming its field, not half-way through the work).
 * Each class `implements` its payload interface, so the schema and the type cannot drift apart.
 */

class InspectFolderPayload implements Required<JobDataByName['InspectFolder']> {
  @IsString() @IsNotEmpty() folder!: string;
  @IsString() @IsNotEmpty() operator!: string;
  @IsOptional() @Matches(DATE) decisionDate!: string;
  @IsOptional() @IsString() outDir!: string;
}

class AuditFirmPayload implements Required<JobDataByName['AuditFirm']> {
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/) creditCode!: string;
  @IsString() @IsNotEmpty() operator!: string;
  @IsOptional() @Matches(DATE) decisionDate!: string;
}

class IngestChunkPayload implements Required<JobDataByName['IngestChunk']> {
  @IsString() @IsNotEmpty() flowId!: string;
  @Matches(/^\d+$/) batchId!: string;
  @Matches(/^\d+$/) firmId!: string;
  @IsIn(['captures', 'consents']) kind!: 'captures' | 'consents';
  @IsInt() @Min(0) chunkNo!: number;
  @IsInt() @Min(1) firstLine!: number;
  @IsString() @IsNotEmpty() path!: string;
  @IsIn(['jsonl', 'csv']) format!: 'jsonl' | 'csv';
  @IsOptional() @IsString() captureFormat!: string;
  @IsOptional() @IsString() deviceId!: string;
  @IsString() @IsNotEmpty() firmTimezone!: string;
}

class CompleteBatchPayload implements Required<JobDataByName['CompleteBatch']> {
  @IsString() @IsNotEmpty() flowId!: string;
  @Matches(/^\d+$/) batchId!: string;
  @IsIn(['captures', 'consents']) kind!: 'captures' | 'consents';
  @IsInt() @Min(0) chunks!: number;
  @IsString() @IsNotEmpty() workDir!: string;
}

const SCHEDULE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

class ScheduleTickPayload implements Required<AnyJobDataByName['ScheduleTick']> {
  @Matches(SCHEDULE_NAME) schedule!: string;
  @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_UTC) scheduledAt!: string;
}

class ScheduleTargetPayload implements Required<AnyJobDataByName['ScheduleTarget']> {
  @Matches(SCHEDULE_NAME) schedule!: string;
  @IsString() @IsNotEmpty() targetKey!: string;
  @IsObject() target!: Record<string, unknown>;
  @IsISO8601({ strict: true }) @Matches(ISO_UTC) period!: string;
}

const SCHEMAS: Readonly<Record<AnyJobName, new () => object>> = {
  InspectFolder: InspectFolderPayload,
  AuditFirm: AuditFirmPayload,
  IngestChunk: IngestChunkPayload,
  CompleteBatch: CompleteBatchPayload,
  ScheduleTick: ScheduleTickPayload,
  ScheduleTarget: ScheduleTargetPayload,
};

function firstProblem(errors: ValidationError[], path = ''): string {
  const e = errors[0];
  const field = path ? `${path}.${e.property}` : e.property;
  if (e.constraints) return `${field}: ${Object.values(e.constraints)[0]}`;
  return firstProblem(e.children ?? [], field);
}

/**
 * The job's payload, checked against its schema: unknown fields and wrong types are refused with
 * `JOBS.INVALID_PAYLOAD` naming the job and the first bad field.
 */
export function validateJobData<N extends AnyJobName>(name: N, data: unknown): AnyJobDataByName[N] {
  const schema = SCHEMAS[name] as (new () => object) | undefined;
  if (!schema) throw new DomainError(QUEUE_ERRORS.INVALID_PAYLOAD, `job ${String(name)}: no such job`);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DomainError(QUEUE_ERRORS.INVALID_PAYLOAD, `job ${name}: the payload is not an object`);
  }
  const errors = validateSync(plainToInstance(schema, data), { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new DomainError(QUEUE_ERRORS.INVALID_PAYLOAD, `job ${name}: ${firstProblem(errors)}`, {
      job: name,
    });
  }
  return data as AnyJobDataByName[N];
}
