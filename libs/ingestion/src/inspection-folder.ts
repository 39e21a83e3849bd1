import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceProfile, FirmProfile } from '@app/common';
import { DEVICE_REQUIRED_FIELDS, validateDeviceProfile } from './core/device-profile';
import { validateFirmProfile } from './core/firm-profile';
import { readCaptureFolder, type CaptureSourceOptions, type RejectedFile } from './capture-sources';
import { IngestionError } from './ingestion.errors';
import { readRecords, type ParsedRow, type RecordKind } from './record-reader';
import { assertRegularFile, kindOf, lstatOrNull, notRegular, readRegularFile } from './regular-file';
import { sourceFileOf, type SourceFile } from './source-file';

/** The canonical files of an inspection folder. */
export interface InspectionFiles {
  folder: string;
  /** Path of firm.json. */
  firm: string;
  devices: SourceFile;
  /**
   * The capture files to read: the one canonical `captures.*` file, or every readable export in the
   * `captures/` folder (zip archives expanded into their entries), in name order.
   */
  captures: SourceFile[];
  /** Files of the captures/ folder refused whole (undetected format, unattributed, unsafe archive...). */
  rejectedCaptures: RejectedFile[];
  consents: SourceFile;
}

const CANDIDATES = {
  devices: ['devices.csv'],
  captures: ['captures.jsonl', 'captures.jsonl.gz', 'captures.csv', 'captures.csv.gz'],
  consents: ['consents.csv', 'consents.csv.gz', 'consents.jsonl', 'consents.jsonl.gz'],
} as const;

/**
 * Finds firm.json, devices.csv, captures.* (or a captures/ folder) and consents.* in `folder`. `captures`
 * options (`--format`, `--encoding`) apply to every capture file. Throws INGEST.FOLDER_NOT_FOUND,
 * INGEST.FOLDER_UNREADABLE, INGEST.FILE_MISSING, INGEST.FILE_AMBIGUOUS when two variants of one file exist,
 * or INGEST.MANIFEST_INVALID.
 */
export async function locateInspectionFiles(
  folder: string,
  captures: CaptureSourceOptions = {},
): Promise<InspectionFiles> {
  let names: string[];
  try {
    const s = await stat(folder);
    if (!s.isDirectory())
      throw new IngestionError('INGEST.FOLDER_NOT_FOUND', `${folder} is not a folder`, { folder });
    names = await readdir(folder);
  } catch (error) {
    if (error instanceof IngestionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new IngestionError(
        'INGEST.FOLDER_NOT_FOUND',
        `inspection folder ${folder} does not exist`,
        { folder },
        { cause: error },
      );
    }
    throw new IngestionError(
      'INGEST.FOLDER_UNREADABLE',
      `inspection folder ${folder} cannot be read`,
      { folder },
      { cause: error },
    );
  }
  const present = new Set(names);
  const pick = (what: string, candidates: readonly string[]): SourceFile => {
    const found = candidates.filter((c) => present.has(c));
    if (found.length === 0) {
      throw new IngestionError('INGEST.FILE_MISSING', `${folder} has no ${candidates.join(' or ')}`, {
        folder,
        file: what,
      });
    }
    if (found.length > 1) {
      throw new IngestionError(
        'INGEST.FILE_AMBIGUOUS',
        `${folder} has both ${found.join(' and ')}; keep one`,
        {
          folder,
          files: found,
        },
      );
    }
    return sourceFileOf(join(folder, found[0]));
  };
  if (!present.has('firm.json')) {
    throw new IngestionError('INGEST.FILE_MISSING', `${folder} has no firm.json`, { folder, file: 'firm' });
  }
  const devices = pick('devices', CANDIDATES.devices);
  const consents = pick('consents', CANDIDATES.consents);
  // Every input is a regular file inside the folder: a symbolic link, FIFO or device is refused, never followed.
  for (const path of [join(folder, 'firm.json'), devices.path, consents.path]) await assertRegularFile(path);
  const captureDir = join(folder, 'captures');
  const dirStat = present.has('captures') ? await lstatOrNull(captureDir) : null;
  if (dirStat !== null && dirStat.isSymbolicLink()) throw notRegular(captureDir, kindOf(dirStat));
  const hasDir = dirStat !== null && dirStat.isDirectory();
  let captureFiles: SourceFile[];
  let rejectedCaptures: RejectedFile[] = [];
  if (hasDir) {
    const single = CANDIDATES.captures.filter((c) => present.has(c));
    if (single.length > 0) {
      throw new IngestionError(
        'INGEST.FILE_AMBIGUOUS',
        `${folder} has both captures/ and ${single.join(' and ')}; keep one`,
        { folder, files: ['captures/', ...single] },
      );
    }
    const got = await readCaptureFolder(captureDir, captures);
    captureFiles = got.files;
    rejectedCaptures = got.rejected;
  } else {
    const file = pick('captures', CANDIDATES.captures);
    await assertRegularFile(file.path);
    if (captures.format !== undefined) file.captureFormat = captures.format;
    if (captures.encoding !== undefined) file.encoding = captures.encoding;
    captureFiles = [file];
  }
  return {
    folder,
    firm: join(folder, 'firm.json'),
    devices,
    captures: captureFiles,
    rejectedCaptures,
    consents,
  };
}

/** Reads and validates firm.json; any problem is fatal (INGEST.FILE_MISSING or INGEST.FIRM_INVALID listing every problem). */
export async function loadFirm(firmJsonPath: string): Promise<FirmProfile> {
  let text: string;
  try {
    text = await readRegularFile(firmJsonPath);
  } catch (error) {
    if (error instanceof IngestionError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new IngestionError(
      missing ? 'INGEST.FILE_MISSING' : 'INGEST.FILE_UNREADABLE',
      `${firmJsonPath}: ${missing ? 'not found' : 'cannot be read'}`,
      { path: firmJsonPath },
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new IngestionError(
      'INGEST.FIRM_INVALID',
      `firm.json is not valid JSON`,
      { path: firmJsonPath, problems: [] },
      { cause: error },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new IngestionError('INGEST.FIRM_INVALID', 'firm.json must be a JSON object', {
      path: firmJsonPath,
      problems: [],
    });
  }
  const v = validateFirmProfile(value as Record<string, unknown>);
  if (!v.ok) {
    throw new IngestionError(
      'INGEST.FIRM_INVALID',
      `firm.json is invalid: ${v.problems.map((p) => p.message).join('; ')}`,
      { path: firmJsonPath, problems: v.problems },
    );
  }
  return v.value;
}

/**
 * Reads devices.csv completely (it is small). `devices` are the accepted rows; `rows` has one entry per data
 * record, including rejections. A deviceId seen again after an accepted row is rejected (INGEST.DUPLICATE_DEVICE):
 * the first row wins, so captures are never attributed by a coin toss.
 */
export async function loadDevices(
  file: SourceFile,
  firm: FirmProfile,
): Promise<{ devices: DeviceProfile[]; rows: ParsedRow<DeviceProfile>[] }> {
  const devices: DeviceProfile[] = [];
  const rows: ParsedRow<DeviceProfile>[] = [];
  const seen = new Set<string>();
  const kind: RecordKind<DeviceProfile> = {
    requiredFields: DEVICE_REQUIRED_FIELDS,
    validate: (fields) => {
      const v = validateDeviceProfile(fields, firm.timezone);
      if (!v.ok) return v;
      if (seen.has(v.value.deviceId)) {
        return {
          ok: false,
          rejection: {
            code: 'INGEST.DUPLICATE_DEVICE',
            field: 'deviceId',
            message: `deviceId "${v.value.deviceId}" is already defined on an earlier row`,
          },
        };
      }
      seen.add(v.value.deviceId);
      return v;
    },
    key: (d) => d.deviceId,
  };
  for await (const batch of readRecords(file, kind)) {
    for (const row of batch) {
      if (row.ok) devices.push(row.record);
      rows.push(row);
    }
  }
  return { devices, rows };
}

/** Locates the files of an inspection folder and loads its firm and devices (everything but the streams). */
export async function openInspectionFolder(
  folder: string,
  captures: CaptureSourceOptions = {},
): Promise<{
  files: InspectionFiles;
  firm: FirmProfile;
  devices: Map<string, DeviceProfile>;
  deviceRows: ParsedRow<DeviceProfile>[];
}> {
  const files = await locateInspectionFiles(folder, captures);
  const firm = await loadFirm(files.firm);
  const { devices, rows } = await loadDevices(files.devices, firm);
  return { files, firm, devices: new Map(devices.map((d) => [d.deviceId, d])), deviceRows: rows };
}
