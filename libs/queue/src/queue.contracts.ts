/**
 * Queue contracts: names, job names, payloads and per-job options, in one place. Job ids derive from the
 * business key, so enqueueing the same work twice is one job.
 */
export const INSPECTION_QUEUE = 'inspection';

export const JOB_NAMES = {
  InspectFolder: 'InspectFolder',
  AuditFirm: 'AuditFirm',
  ReauditAllFirms: 'ReauditAllFirms',
  IngestChunk: 'IngestChunk',
  CompleteBatch: 'CompleteBatch',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export interface InspectFolderJobData {
  folder: string;
  operator: string;
  decisionDate?: string;
  outDir?: string;
}

export interface AuditFirmJobData {
  creditCode: string;
  operator: string;
  decisionDate?: string;
}

export type ReauditAllFirmsJobData = Record<string, never>;

/** One chunk file of a large input file, stored by whichever worker takes it. */
export interface IngestChunkJobData {
  /** See CompleteBatchJobData.flowId. */
  flowId: string;
  batchId: string;
  firmId: string;
  kind: 'captures' | 'consents';
  chunkNo: number;
  /** Line number in the original file of the chunk's first data line. */
  firstLine: number;
  path: string;
  format: 'jsonl' | 'csv';
  captureFormat?: string;
  deviceId?: string;
  firmTimezone: string;
}

/** Closes a batch once all its chunks are stored: counts from the store, reconciled. */
export interface CompleteBatchJobData {
  /**
   * Distinguishes one submission of a batch from another: batch ids are only unique within one database,
   * and one Redis may outlive a database (or serve several), so job ids must not rest on them alone.
   */
  flowId: string;
  batchId: string;
  kind: 'captures' | 'consents';
  chunks: number;
  workDir: string;
}

export interface JobDataByName {
  InspectFolder: InspectFolderJobData;
  AuditFirm: AuditFirmJobData;
  ReauditAllFirms: ReauditAllFirmsJobData;
  IngestChunk: IngestChunkJobData;
  CompleteBatch: CompleteBatchJobData;
}

/** Retries with exponential backoff; failures are kept for the operator to inspect. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/** The nightly re-audit schedule the worker registers (cron, in the server's time zone). */
export const REAUDIT_SCHEDULE = { id: 'nightly-reaudit', pattern: '0 2 * * *' };

/** A stable job id from the job's business key. */
export function jobIdFor<N extends JobName>(name: N, data: JobDataByName[N]): string {
  switch (name) {
    case 'InspectFolder':
      return `${name}:${(data as InspectFolderJobData).folder}:${(data as InspectFolderJobData).decisionDate ?? ''}`.replace(
        /:/g,
        '|',
      );
    case 'AuditFirm':
      return `${name}|${(data as AuditFirmJobData).creditCode}|${(data as AuditFirmJobData).decisionDate ?? ''}`;
    case 'ReauditAllFirms':
      return name;
    case 'IngestChunk':
      return `${name}|${(data as IngestChunkJobData).flowId}|${(data as IngestChunkJobData).chunkNo}`;
    case 'CompleteBatch':
      return `${name}|${(data as CompleteBatchJobData).flowId}`;
    default: {
      const never: never = name;
      return never;
    }
  }
}
