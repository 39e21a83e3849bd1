import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomainError } from '@app/common';
import { ClaimDocument, parseClaim } from './core/claim';
import {
  DatasetEvaluation,
  ImageEmbeddings,
  PairingOptions,
  evaluateDataset,
} from './core/dataset-evaluation';
import { readManifestRecords } from './core/dataset-manifest';
import { RECOGNITION_ERRORS } from './core/recognition.errors';
import { DEFAULT_MASK_STYLE, MaskStyle, applySyntheticMask } from './core/synthetic-mask';
import { decodeImage } from './image-decoder';
import { EngineRecord, ReferenceFaceEngine } from './reference-face-engine';

/** What happened to one image of the manifest. */
export interface DatasetImageOutcome {
  path: string;
  subjectId: string;
  sha256: string;
  masked: boolean;
  /** Faces found in the image as captured (0 is a failure to acquire). */
  faces: number;
  /** Whether a masked template exists (synthetic mask drawn from landmarks, or a real masked capture). */
  maskedTemplate: boolean;
  /** Why no masked template, when there is none. */
  note: string | null;
}

/** The evaluation report of a dataset run: inputs identified by hash, engine, settings, results. */
export interface DatasetReport extends DatasetEvaluation {
  manifest: { path: string; sha256: string; images: number; subjects: number };
  engine: EngineRecord;
  maskStyle: MaskStyle;
  claim: ReturnType<typeof parseClaim> | null;
  images: DatasetImageOutcome[];
}

/** Options of evaluateDatasetFile. */
export interface EvaluateDatasetOptions {
  claim?: ClaimDocument | string;
  threshold?: number;
  maskStyle?: MaskStyle;
  pairing?: PairingOptions;
  /** Zone for capturedAt values without an offset. */
  timeZone?: string;
  /** Defaults to the bundled engine; pass one to reuse it across runs or to plug in an ONNX embedder. */
  engine?: ReferenceFaceEngine;
  bootstrapReplicates?: number;
  /** Called after each image, e.g. for a progress bar. */
  onImage?: (done: number, total: number) => void;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Runs the reference engine over a dataset manifest (`path, subjectId, masked, capturedAt[, labels…]`):
 * templates for every image and for a synthetic-mask copy drawn from its own landmarks, then the three NIST
 * conditions, strata and the claim's verdict (the `bioaudit evaluate dataset` command). Reproducible: the
 * manifest and every image are identified by SHA-256 and the engine is deterministic.
 */
export async function evaluateDatasetFile(
  manifestPath: string,
  options: EvaluateDatasetOptions = {},
): Promise<DatasetReport> {
  const claim = options.claim === undefined ? null : parseClaim(options.claim);
  const manifestBytes = await readFile(manifestPath).catch((error: unknown) => {
    throw new DomainError(
      RECOGNITION_ERRORS.FILE_NOT_FOUND,
      `manifest not found: ${manifestPath}`,
      { path: manifestPath },
      { cause: error },
    );
  });
  let records: string[][];
  try {
    records = parse(manifestBytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_MANIFEST,
      `manifest is not CSV: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  const images = readManifestRecords(records, options.timeZone ?? 'UTC');
  const engine = options.engine ?? (await ReferenceFaceEngine.bundled());
  const maskStyle = options.maskStyle ?? DEFAULT_MASK_STYLE;
  const base = dirname(manifestPath);
  const embeddings: ImageEmbeddings[] = [];
  const outcomes: DatasetImageOutcome[] = [];
  for (const [k, image] of images.entries()) {
    const file = isAbsolute(image.path) ? image.path : resolve(base, image.path);
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new DomainError(
        RECOGNITION_ERRORS.FILE_NOT_FOUND,
        `line ${image.line}: image not found: ${image.path}`,
        { line: image.line },
        { cause: error },
      );
    });
    const rgb = await decodeImage(bytes);
    const captured = await engine.template(rgb);
    let masked = image.masked ? captured : null;
    let note: string | null = null;
    if (!image.masked) {
      if (captured.face === null) note = 'no face in the unmasked image';
      else if (captured.face.landmarkScheme !== 'facemesh-468')
        note = 'no FaceMesh landmarks to draw a mask from';
      else {
        const maskedImage = applySyntheticMask(rgb, captured.face.landmarks, maskStyle);
        masked = await engine.template(maskedImage, captured.face.box);
        if (masked.face === null) note = 'no face found under the synthetic mask';
      }
    }
    embeddings.push({
      unmasked: image.masked ? null : captured.embedding,
      masked: masked?.embedding ?? null,
    });
    outcomes.push({
      path: image.path,
      subjectId: image.subjectId,
      sha256: sha256(bytes),
      masked: image.masked,
      faces: captured.faceCount,
      maskedTemplate: masked?.embedding != null,
      note: image.masked && captured.face === null ? 'no face in the masked capture' : note,
    });
    options.onImage?.(k + 1, images.length);
  }
  const evaluation = evaluateDataset(images, embeddings, {
    claim: claim ?? undefined,
    threshold: options.threshold,
    pairing: options.pairing,
    bootstrapReplicates: options.bootstrapReplicates,
  });
  return {
    manifest: {
      path: manifestPath,
      sha256: sha256(manifestBytes),
      images: images.length,
      subjects: new Set(images.map((i) => i.subjectId)).size,
    },
    engine: engine.engine,
    maskStyle,
    claim,
    images: outcomes,
    ...evaluation,
  };
}
