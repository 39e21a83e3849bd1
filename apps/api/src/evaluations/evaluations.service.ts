import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import multer from 'multer';
import { scopeOf, type Principal } from '@app/auth';
import {
  comparisonsReportInput,
  EvaluationReportRenderer,
  trialLogReportInput,
  type EvaluationReportInput,
} from '@app/case-files';
import { Clock, DomainError, isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { hashFile } from '@app/ingestion';
import { EvidenceStore } from '@app/inspection';
import {
  EvaluationRunRepository,
  type EvaluationRunKind,
  type EvaluationRunRow,
  type EvaluationRunSummary,
} from '@app/persistence';
import type { ClaimDocument, ComparisonsReport, TrialLogReport } from '@app/recognition';
import { API_ERRORS } from '../api.errors';
import { notFound } from '../common/not-found';
import { apiError, ValidationError } from '../problem/problem';
import { fieldErrors } from '../problem/validation';
import { tooLarge } from '../inspections/upload-storage';
import { EvaluationFieldsDto } from './evaluations.dto';

/**
 * The recognition lib (TensorFlow.js, onnxruntime, sharp) is heavy to load; only evaluations need it, so it
 * is loaded on the first one, as the CLI's evaluate commands do.
 */
const recognition = () => import('@app/recognition');

/** At most this many images may come with one trial log. */
const MAX_IMAGES = 1000;

/** Where a trial log and its images are received: the log's image paths resolve against this folder. */
const LOG_DIR = 'log';
const LOG_NAME = '.trial-log.csv';

type Files = Record<string, { path: string; originalname?: string; size: number }[] | undefined>;

/**
 * Accuracy evaluations through the API: the same evaluateComparisonsFile / evaluateTrialLogFile core as
 * `bioaudit evaluate`, each run kept (`evaluation_run`) with the vendor's files sealed in the evidence store,
 * and the PDF rendered from the stored report (dated by the run, so the same run gives the same PDF).
 */
@Injectable()
export class EvaluationsService {
  private readonly store: EvidenceStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly runs: EvaluationRunRepository,
  ) {
    this.store = EvidenceStore.forConfig(config);
  }

  /** Receives the upload, evaluates it, seals its files and stores the run. */
  async create(req: Request, principal: Principal): Promise<EvaluationRunRow> {
    return this.receive(req, async ({ kind, file, images, fields, claim, dir }) => {
      const { evaluateComparisonsFile, evaluateTrialLogFile } = await recognition();
      const fileName = path.basename(
        file.originalname || (kind === 'comparisons' ? 'comparisons.csv' : 'trial.csv'),
      );
      const scrub = (e: unknown): never => {
        // The core names the file by its path here; the caller knows it by the name it sent.
        if (isDomainError(e)) {
          const message = e.message
            .split(file.path)
            .join(fileName)
            .split(`${path.dirname(file.path)}${path.sep}`)
            .join('');
          throw new DomainError(e.code, message.split(dir).join('…'), {}, { cause: e });
        }
        throw e;
      };
      const report: ComparisonsReport | TrialLogReport =
        kind === 'comparisons'
          ? await evaluateComparisonsFile(file.path, { threshold: fields.threshold, claim }).catch(scrub)
          : await evaluateTrialLogFile(file.path, { claim }).catch(scrub);
      const { sha256, bytes } = await this.keep(file.path);
      const attachments = [];
      for (const image of images) {
        const kept = await this.keep(image.path);
        attachments.push({ name: path.basename(image.path), bytes: kept.bytes, sha256: kept.sha256 });
      }
      const device =
        kind === 'comparisons' ? (report as ComparisonsReport) : (report as TrialLogReport).device;
      const named = claimNames(claim);
      const run = {
        kind,
        createdBy: principal.username,
        regionCode: principal.regionCode,
        createdAt: this.clock.now(),
        fileName,
        fileBytes: bytes,
        fileSha256: sha256,
        storagePath: this.store.pathFor(sha256),
        attachments,
        claim: claim ?? null,
        threshold: kind === 'comparisons' ? (fields.threshold ?? null) : null,
        verdict: device.verdict?.result ?? null,
        vendor: named.vendor,
        device: named.device,
        report: JSON.parse(JSON.stringify(report)) as Record<string, unknown>,
      };
      const id = await this.runs.add(run);
      return { id, ...run };
    });
  }

  /** Runs the caller may see, newest first. */
  list(principal: Principal, before: string | undefined, limit: number): Promise<EvaluationRunSummary[]> {
    return this.runs.list({ before, limit, regionPrefix: scopeOf(principal).regionPrefix });
  }

  /** The stored run `id`; 404 when there is none or it lies outside the caller's region. */
  async get(id: string, principal: Principal): Promise<EvaluationRunRow> {
    const run = /^\d{1,18}$/.test(id)
      ? await this.runs.find(id, { regionPrefix: scopeOf(principal).regionPrefix })
      : null;
    if (!run) throw notFound('evaluation', id);
    return run;
  }

  /**
   * The PDF report of a stored run, by the renderer `bioaudit evaluate … --pdf` uses, dated by the run: the
   * same run renders to the same bytes.
   */
  async report(id: string, principal: Principal): Promise<{ pdf: Buffer; sha256: string; fileName: string }> {
    const run = await this.get(id, principal);
    const file = { name: run.fileName, sha256: run.fileSha256 };
    const issuedAt = run.createdAt.toISOString();
    const input: EvaluationReportInput =
      run.kind === 'trial-log'
        ? trialLogReportInput(file, run.report as unknown as TrialLogReport, issuedAt)
        : comparisonsReportInput(file, run.report as unknown as ComparisonsReport, issuedAt);
    const dir = path.join(this.config.home, 'uploads', 'evaluations', randomUUID());
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      const out = path.join(dir, 'report.pdf');
      const rendered = await new EvaluationReportRenderer().render(input, out);
      return { pdf: await readFile(out), sha256: rendered.sha256, fileName: run.fileName };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Seals a received file into the evidence store (content-addressed, as ingestion keeps raw files). */
  private async keep(file: string): Promise<{ sha256: string; bytes: number }> {
    const { sha256 } = await hashFile(file);
    const bytes = (await stat(file)).size;
    await this.store.keep(file, sha256);
    return { sha256, bytes };
  }

  /** Receives the multipart upload into a private folder, checks it and hands it to `then`. */
  private async receive<T>(
    req: Request,
    then: (r: {
      kind: EvaluationRunKind;
      file: { path: string; originalname?: string };
      images: { path: string }[];
      fields: EvaluationFieldsDto;
      claim: ClaimDocument | string | undefined;
      dir: string;
    }) => Promise<T>,
  ): Promise<T> {
    if (!req.is('multipart/form-data')) {
      req.resume();
      throw apiError(
        API_ERRORS.UNSUPPORTED_MEDIA_TYPE,
        'send the file as multipart/form-data (file field `comparisons`, or `trialLog` with its `images`)',
      );
    }
    const dir = path.join(this.config.home, 'uploads', 'evaluations', randomUUID());
    await mkdir(path.join(dir, LOG_DIR), { recursive: true, mode: 0o700 });
    try {
      const max = this.config.api.uploadMaxBytes;
      const imageNames = new Set<string>();
      const upload = multer({
        storage: multer.diskStorage({
          destination: (_req, file, cb) =>
            cb(
              null,
              file.fieldname === 'images' || file.fieldname === 'trialLog' ? path.join(dir, LOG_DIR) : dir,
            ),
          filename: (_req, file, cb) => {
            if (file.fieldname === 'trialLog') return cb(null, LOG_NAME);
            if (file.fieldname !== 'images') return cb(null, file.fieldname);
            // The log names its images by path; they are received by their file name, once each.
            const name = path.basename(file.originalname.replace(/\\/g, '/'));
            if (!/^[^./][^/]*$/.test(name) || imageNames.has(name)) {
              return cb(
                new ValidationError([
                  { field: 'images', message: `image "${name}" is not a usable file name, or sent twice` },
                ]),
                '',
              );
            }
            imageNames.add(name);
            cb(null, name);
          },
        }),
        limits: { fileSize: max, files: MAX_IMAGES + 3, fields: 5, fieldSize: 64 * 1024 },
      }).fields([
        { name: 'comparisons', maxCount: 1 },
        { name: 'trialLog', maxCount: 1 },
        { name: 'images', maxCount: MAX_IMAGES },
        { name: 'claim', maxCount: 1 },
      ]);
      await new Promise<void>((resolve, reject) =>
        upload(req, req.res!, (err: unknown) => {
          const m = err as { name?: string; code?: string; field?: string } | undefined;
          if (!m) return resolve();
          if (err instanceof ValidationError) return reject(err);
          if (m.name !== 'MulterError') return reject(err instanceof Error ? err : new Error(String(err)));
          if (m.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(max));
          reject(new ValidationError([{ field: m.field ?? 'body', message: `upload refused (${m.code})` }]));
        }),
      );
      const files = (req.files ?? {}) as Files;
      const fields = plainToInstance(EvaluationFieldsDto, req.body ?? {});
      const errors = fieldErrors(await validate(fields, { whitelist: true, forbidNonWhitelisted: true }));
      const csv = files.comparisons?.[0];
      const log = files.trialLog?.[0];
      const images = files.images ?? [];
      if (!csv && !log) {
        errors.push({
          field: 'comparisons',
          message: 'send a comparisons CSV (`comparisons`) or a trial log (`trialLog`)',
        });
      }
      if (csv && log)
        errors.push({ field: 'trialLog', message: 'send a comparisons CSV or a trial log, not both' });
      if (csv && images.length > 0)
        errors.push({ field: 'images', message: 'images come only with a trial log' });
      if (log && fields.threshold !== undefined) {
        errors.push({
          field: 'threshold',
          message: 'a trial log carries the device’s own decisions: no threshold',
        });
      }
      if (errors.length > 0) throw new ValidationError(errors);
      const { readClaimFile } = await recognition();
      const claimFile = files.claim?.[0];
      const claim = claimFile
        ? await readClaimFile(claimFile.path)
        : (claimOf(fields.claim) as ClaimDocument | string | undefined);
      return await then({
        kind: csv ? 'comparisons' : 'trial-log',
        file: (csv ?? log)!,
        images,
        fields,
        claim,
        dir,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A claim sent as a text field: a JSON claim document, or a plain statement (as readClaimFile reads a file). */
function claimOf(text: string | undefined): Record<string, unknown> | string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as Record<string, unknown> | string;
  } catch {
    return trimmed;
  }
}

/** The vendor and device a claim document names (`vendor`, `device` or `model`), if any. */
function claimNames(claim: unknown): { vendor: string | null; device: string | null } {
  if (claim === null || typeof claim !== 'object') return { vendor: null, device: null };
  const c = claim as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : null);
  return { vendor: text(c.vendor), device: text(c.device) ?? text(c.model) };
}
