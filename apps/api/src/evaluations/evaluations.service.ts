import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import multer from 'multer';
import { comparisonsReportInput, EvaluationReportRenderer } from '@app/case-files';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { hashFile } from '@app/ingestion';
import type { ComparisonsReport } from '@app/recognition';
import { API_ERRORS } from '../api.errors';
import { apiError, ValidationError } from '../problem/problem';
import { fieldErrors } from '../problem/validation';
import { tooLarge } from '../inspections/upload-storage';
import { EvaluationFieldsDto, type EvaluationReportDto } from './evaluations.dto';

/**
 * The recognition lib (TensorFlow.js, onnxruntime, sharp) is heavy to load; only evaluations need it, so it
 * is loaded on the first one, as the CLI's evaluate commands do.
 */
const recognition = () => import('@app/recognition');

/** Accuracy evaluations: the same evaluateComparisonsFile core as `bioaudit evaluate comparisons`. */
@Injectable()
export class EvaluationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async evaluate(req: Request): Promise<EvaluationReportDto> {
    return this.run(req, ({ report }) =>
      Promise.resolve(JSON.parse(JSON.stringify(report)) as EvaluationReportDto),
    );
  }

  /**
   * The same upload evaluated again and rendered as the PDF report `bioaudit evaluate comparisons --pdf`
   * writes (vector DET curves, the claim and its verdict, the file's SHA-256). Nothing is stored: the
   * evaluation is a pure function of the upload, so the same upload gives the same report again.
   */
  async report(req: Request): Promise<{ pdf: Buffer; sha256: string; fileName: string }> {
    return this.run(req, async ({ report, csvPath, fileName, dir }) => {
      const { sha256 } = await hashFile(csvPath);
      const input = comparisonsReportInput(
        { name: fileName, sha256 },
        report,
        this.clock.now().toISOString(),
      );
      const out = path.join(dir, 'report.pdf');
      const rendered = await new EvaluationReportRenderer().render(input, out);
      return { pdf: await readFile(out), sha256: rendered.sha256, fileName };
    });
  }

  /** Receives the multipart upload into a private folder, evaluates it and hands both to `then`. */
  private async run<T>(
    req: Request,
    then: (r: { report: ComparisonsReport; csvPath: string; fileName: string; dir: string }) => Promise<T>,
  ): Promise<T> {
    if (!req.is('multipart/form-data')) {
      req.resume();
      throw apiError(
        API_ERRORS.UNSUPPORTED_MEDIA_TYPE,
        'send the comparisons CSV as multipart/form-data (file field `comparisons`)',
      );
    }
    const dir = path.join(this.config.home, 'uploads', 'evaluations', randomUUID());
    await mkdir(dir, { recursive: true });
    try {
      const max = this.config.api.uploadMaxBytes;
      const upload = multer({
        storage: multer.diskStorage({
          destination: dir,
          filename: (_req, file, cb) => cb(null, file.fieldname),
        }),
        limits: { fileSize: max, files: 2, fields: 5, fieldSize: 64 * 1024 },
      }).fields([
        { name: 'comparisons', maxCount: 1 },
        { name: 'claim', maxCount: 1 },
      ]);
      await new Promise<void>((resolve, reject) =>
        upload(req, req.res!, (err: unknown) => {
          const m = err as { name?: string; code?: string; field?: string } | undefined;
          if (!m) return resolve();
          if (m.name !== 'MulterError') return reject(err instanceof Error ? err : new Error(String(err)));
          if (m.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(max));
          reject(new ValidationError([{ field: m.field ?? 'body', message: `upload refused (${m.code})` }]));
        }),
      );
      const files = (req.files ?? {}) as Record<
        string,
        { path: string; originalname?: string }[] | undefined
      >;
      const fields = plainToInstance(EvaluationFieldsDto, req.body ?? {});
      const errors = fieldErrors(await validate(fields, { whitelist: true, forbidNonWhitelisted: true }));
      const csv = files.comparisons?.[0];
      if (!csv) errors.push({ field: 'comparisons', message: 'comparisons must be a CSV file' });
      if (errors.length > 0) throw new ValidationError(errors);
      const { evaluateComparisonsFile, readClaimFile } = await recognition();
      const claimFile = files.claim?.[0];
      const claim = claimFile
        ? await readClaimFile(claimFile.path)
        : (claimOf(fields.claim) as Awaited<ReturnType<typeof readClaimFile>> | undefined);
      const report = await evaluateComparisonsFile(csv!.path, { threshold: fields.threshold, claim });
      return await then({
        report,
        csvPath: csv!.path,
        fileName: path.basename(csv!.originalname || 'comparisons.csv'),
        dir,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A claim sent as a text field: a JSON claim document, or a plain statement (as readClaimFile reads a file). */
function claimOf(text: string | undefined): Record<string, unknown> | string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as Record<string, unknown> | string;
  } catch {
    return trimmed;
  }
}
