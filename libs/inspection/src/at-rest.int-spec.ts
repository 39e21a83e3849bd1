import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '@app/config';
import type { Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { EvidenceStore } from './evidence-store';
import { IngestService } from './ingest.service';
import { startInspectionApp } from './inspection-app.testing';
import { InspectionService } from './inspection.service';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every path under `root` with its mode, for the ones that grant anything to group or others. */
function openToOthers(root: string): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = fs.lstatSync(p);
    if ((st.mode & 0o077) !== 0) out.push(`${path.relative(root, p)} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n));
  };
  walk(root);
  return out;
}

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

/**
 * Issue 9, failure 7: after an inspection, nothing under BIOAUDIT_HOME is open to group or others, and raw
 * evidence and issued case files are sealed at rest — while the recorded hashes still prove the plaintext.
 */
describe.each(['embedded', 'postgres'] as const)('evidence at rest on %s', (kind) => {
  const tmp = createTempDir();
  const home = path.join(tmp.dir, 'home');
  let config: AppConfig;
  let db: Database;
  let inspection: InspectionService;
  let ingest: IngestService;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // No BIOAUDIT_MASTER_KEY: the key file is generated under the home.
    const started = await startInspectionApp(kind, home);
    config = started.config;
    db = started.db;
    inspection = started.app.get(InspectionService);
    ingest = started.app.get(IngestService);
    close = started.close;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    tmp.remove();
  });

  it('leaves no file or folder under the home open to group or others, and seals evidence and case files', async () => {
    const out = path.join(tmp.dir, 'out');
    const report = await inspection.inspect(FIXTURE, { outDir: out, decisionDate: '2021-04-21' });

    expect(fs.existsSync(config.keys.keyFile)).toBe(true);
    expect(openToOthers(home)).toEqual([]);

    // The copy handed out is the plain PDF; every stored file is sealed and holds no plaintext line.
    const pdf = fs.readFileSync(report.caseFile!.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const captures = fs.readFileSync(path.join(FIXTURE, 'captures.jsonl'));
    const firstLine = captures.subarray(0, captures.indexOf(10));
    const stored = [...filesUnder(config.evidenceDir), ...filesUnder(config.caseFilesDir)];
    expect(stored.length).toBeGreaterThanOrEqual(5);
    for (const f of stored) {
      const bytes = fs.readFileSync(f);
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('BIOSEAL1');
      expect(bytes.includes(firstLine)).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF-'))).toBe(false);
    }

    // The hashes on record are the plaintext's: the store reads every batch back to it.
    const store = EvidenceStore.forConfig(config);
    const batches = await db.dataSource.query<
      { id: string; sha256: string; storage_path: string; file_name: string }[]
    >(`SELECT id::text, sha256, storage_path, file_name FROM ingest_batch ORDER BY id`);
    expect(batches.length).toBeGreaterThanOrEqual(4);
    for (const b of batches) {
      expect((await store.sha256Of(b.storage_path)).sha256).toBe(b.sha256);
      await expect(ingest.verify(b.id)).resolves.toMatchObject({ intact: true });
    }
    const capturesBatch = batches.find((b) => b.file_name === 'captures.jsonl')!;
    const parts: Buffer[] = [];
    for await (const c of store.open(capturesBatch.sha256)) parts.push(c as Buffer);
    expect(Buffer.concat(parts)).toEqual(captures);

    const [caseFile] = await db.dataSource.query<{ sha256: string; storage_path: string }[]>(
      `SELECT sha256, storage_path FROM case_file ORDER BY id DESC LIMIT 1`,
    );
    expect(caseFile.sha256).toBe(sha(pdf));
    expect(caseFile.storage_path.startsWith(config.caseFilesDir)).toBe(true);
    expect(await store.sha256Of(caseFile.storage_path)).toEqual({ sha256: sha(pdf), size: pdf.length });

    // An altered stored file no longer verifies.
    fs.chmodSync(capturesBatch.storage_path, 0o600);
    const bytes = fs.readFileSync(capturesBatch.storage_path);
    bytes[bytes.length - 20] ^= 1;
    fs.writeFileSync(capturesBatch.storage_path, bytes);
    await expect(ingest.verify(capturesBatch.id)).rejects.toMatchObject({ code: 'INGEST.EVIDENCE_ALTERED' });
  }, 120_000);
});
