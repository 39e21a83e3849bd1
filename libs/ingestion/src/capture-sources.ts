import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { CAPTURE_FORMATS, FORMATS_WITHOUT_DEVICE, type CaptureFormat } from './core/adapters/capture-adapter';
import { normaliseEncoding } from './core/encoding';
import { detectCaptureFormat } from './core/format-detection';
import { IngestionError, type IngestErrorCode } from './ingestion.errors';
import { readRawRecords } from './raw-records';
import { kindOf, lstatOrNull, notRegular } from './regular-file';
import { decideEncoding, readHead, type SourceFile } from './source-file';
import { listZipEntries } from './zip-archive';

/** What the operator may force for capture files (`--format`, `--encoding`) or a manifest row attributes. */
export interface CaptureSourceOptions {
  format?: CaptureFormat;
  encoding?: string;
  deviceId?: string;
}

/** A capture file that cannot be read at all, with the reason; the other files are still ingested. */
export interface RejectedFile {
  fileName: string;
  path: string;
  code: IngestErrorCode;
  message: string;
}

/** The readable capture files of a folder or archive and those refused whole. */
export interface CaptureSources {
  files: SourceFile[];
  rejected: RejectedFile[];
}

/** The name of the attribution file inside a captures/ folder. */
export const CAPTURES_MANIFEST = 'manifest.csv';

/**
 * Describes one capture export file (plain or `.gz`): its encoding (forced, else detected) and format
 * (forced, else detected from its first bytes and name). Throws INGEST.FORMAT_UNDETECTED, or
 * INGEST.FILE_UNATTRIBUTED for a format whose records do not name their device when no deviceId is given.
 */
export async function captureSourceOf(path: string, options: CaptureSourceOptions = {}): Promise<SourceFile> {
  const fileName = basename(path);
  if (/\.zip$/i.test(fileName)) {
    throw new IngestionError(
      'INGEST.UNSUPPORTED_FORMAT',
      `${fileName}: a zip archive holds several files; read it with captureSourcesOf`,
      { path },
    );
  }
  return describe({ path, fileName, format: 'csv', gzip: /\.gz$/i.test(fileName) }, options);
}

/**
 * Describes the capture files in a file path: a zip archive gives one SourceFile per entry (checked against
 * zip bombs and path traversal), any other file gives itself. Problems refuse single files, never throw.
 * `attribution` maps a file name (an archive entry as `archive.zip/entry`, or the archive for all entries) to
 * its options.
 */
export async function captureSourcesOf(
  path: string,
  options: CaptureSourceOptions = {},
  attribution: ReadonlyMap<string, CaptureSourceOptions> = new Map(),
): Promise<CaptureSources> {
  const fileName = basename(path);
  const own = { ...options, ...attribution.get(fileName) };
  if (!/\.zip$/i.test(fileName)) {
    try {
      return { files: [await captureSourceOf(path, own)], rejected: [] };
    } catch (error) {
      return { files: [], rejected: [rejectedFile(fileName, path, error)] };
    }
  }
  let entries;
  try {
    entries = await listZipEntries(path, fileName);
  } catch (error) {
    return { files: [], rejected: [rejectedFile(fileName, path, error)] };
  }
  const out: CaptureSources = { files: [], rejected: [] };
  for (const entry of entries) {
    const name = `${fileName}/${entry.name}`;
    const base = {
      path,
      fileName: name,
      format: 'csv' as const,
      gzip: false,
      zipEntry: entry.name,
    };
    try {
      out.files.push(await describe(base, { ...own, ...attribution.get(name) }));
    } catch (error) {
      out.rejected.push(rejectedFile(name, path, error));
    }
  }
  return out;
}

/**
 * Reads a captures/ folder: every file but manifest.csv (and hidden files) is a capture export, each
 * described by captureSourcesOf. `captures/manifest.csv` (`file,deviceId`, optional `format`, `encoding`)
 * attributes files; a manifest that cannot be read, or that names a file absent from the folder, is fatal
 * (INGEST.MANIFEST_INVALID), because every attribution would then be in doubt.
 */
export async function readCaptureFolder(
  dir: string,
  options: CaptureSourceOptions = {},
): Promise<CaptureSources> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const attribution = names.includes(CAPTURES_MANIFEST)
    ? await readManifest(join(dir, CAPTURES_MANIFEST))
    : new Map<string, CaptureSourceOptions>();
  const out: CaptureSources = { files: [], rejected: [] };
  const present = new Set<string>();
  for (const name of names) {
    if (name === CAPTURES_MANIFEST) continue;
    const path = join(dir, name);
    // lstat: a symbolic link (dangling or not), FIFO, socket or device is refused by itself, never followed.
    const s = await lstatOrNull(path);
    if (s !== null && s.isDirectory()) {
      out.rejected.push({
        fileName: name,
        path,
        code: 'INGEST.UNSUPPORTED_FORMAT',
        message: `${name}: sub-folders of captures/ are not read; move their files up`,
      });
      continue;
    }
    if (s !== null && !s.isFile()) {
      out.rejected.push(rejectedFile(name, path, notRegular(path, kindOf(s))));
      continue;
    }
    present.add(name);
    const got = await captureSourcesOf(path, options, attribution);
    for (const f of got.files) present.add(f.fileName);
    out.files.push(...got.files);
    out.rejected.push(...got.rejected);
  }
  const unknown = [...attribution.keys()].filter(
    (k) => !present.has(k) && !out.rejected.some((r) => r.fileName === k),
  );
  if (unknown.length > 0) {
    throw new IngestionError(
      'INGEST.MANIFEST_INVALID',
      `captures/${CAPTURES_MANIFEST} names file(s) not in the folder: ${unknown.join(', ')}`,
      { path: join(dir, CAPTURES_MANIFEST), files: unknown },
    );
  }
  return out;
}

async function readManifest(path: string): Promise<Map<string, CaptureSourceOptions>> {
  const file: SourceFile = { path, fileName: CAPTURES_MANIFEST, format: 'csv', gzip: false };
  const out = new Map<string, CaptureSourceOptions>();
  const problems: string[] = [];
  try {
    for await (const raws of readRawRecords(file, ['file', 'deviceId'])) {
      for (const r of raws) {
        if (!r.ok) {
          problems.push(`line ${r.line}: ${r.message}`);
          continue;
        }
        const name = cell(r.fields.file);
        const deviceId = cell(r.fields.deviceId);
        const format = cell(r.fields.format);
        const encoding = cell(r.fields.encoding);
        if (name === '') problems.push(`line ${r.line}: file is required`);
        else if (out.has(name)) problems.push(`line ${r.line}: ${name} is attributed twice`);
        if (format !== '' && !(CAPTURE_FORMATS as readonly string[]).includes(format)) {
          problems.push(`line ${r.line}: format must be one of ${CAPTURE_FORMATS.join('|')}`);
        }
        if (encoding !== '' && normaliseEncoding(encoding) === null) {
          problems.push(`line ${r.line}: unknown encoding "${encoding.slice(0, 40)}"`);
        }
        const row: CaptureSourceOptions = {};
        if (deviceId !== '') row.deviceId = deviceId;
        if (format !== '') row.format = format as CaptureFormat;
        if (encoding !== '') row.encoding = encoding;
        if (name !== '' && !out.has(name)) out.set(name, row);
      }
    }
  } catch (error) {
    if (error instanceof IngestionError && error.code !== 'INGEST.NOT_A_REGULAR_FILE') {
      throw new IngestionError(
        'INGEST.MANIFEST_INVALID',
        error.message,
        { path, problems: [] },
        { cause: error },
      );
    }
    throw error;
  }
  if (problems.length > 0) {
    throw new IngestionError(
      'INGEST.MANIFEST_INVALID',
      `captures/${CAPTURES_MANIFEST} is invalid: ${problems.slice(0, 10).join('; ')}`,
      { path, problems },
    );
  }
  return out;
}

const DETECTION_SAMPLE_BYTES = 16 * 1024;

async function describe(base: SourceFile, options: CaptureSourceOptions): Promise<SourceFile> {
  let encoding: string | undefined;
  if (options.encoding !== undefined) {
    const e = normaliseEncoding(options.encoding);
    if (e === null) {
      throw new IngestionError(
        'INGEST.UNSUPPORTED_FORMAT',
        `${base.fileName}: unknown encoding "${options.encoding}"`,
        {
          path: base.path,
        },
      );
    }
    encoding = e;
  }
  encoding ??= await decideEncoding(base);
  const { bytes } = await readHead(base, DETECTION_SAMPLE_BYTES);
  const format = options.format ?? detectCaptureFormat(iconv.decode(bytes, encoding), base.fileName);
  if (format === null) {
    throw new IngestionError(
      'INGEST.FORMAT_UNDETECTED',
      `${base.fileName}: not a capture export bioaudit recognises (give --format, or a format column in captures/${CAPTURES_MANIFEST})`,
      { path: base.path },
    );
  }
  const deviceId = options.deviceId;
  if (deviceId === undefined && FORMATS_WITHOUT_DEVICE.has(format)) {
    throw new IngestionError(
      'INGEST.FILE_UNATTRIBUTED',
      `${base.fileName}: a ${format} export does not name its device; add a row "${base.fileName},<deviceId>" to captures/${CAPTURES_MANIFEST}`,
      { path: base.path, format },
    );
  }
  const file: SourceFile = {
    ...base,
    format: format === 'canonical-jsonl' || format.startsWith('hikvision-') ? 'jsonl' : 'csv',
    encoding,
    captureFormat: format,
  };
  if (deviceId !== undefined) file.deviceId = deviceId;
  return file;
}

function rejectedFile(fileName: string, path: string, error: unknown): RejectedFile {
  if (error instanceof IngestionError) return { fileName, path, code: error.code, message: error.message };
  throw error;
}

function cell(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}
