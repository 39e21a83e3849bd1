import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTempDir } from '@app/testing';
import { EvidenceStore, InspectionService } from '@app/inspection';
import { IntegritySweep } from './integrity-sweep.service';
import { StoredFileDigest } from './stored-file-digest';
import { startSupervisionApp, type SupervisionTestApp } from './supervision-app.testing';
import { SUPERVISION_ALERTS } from './supervision.errors';

// A forced collection before each reading makes the numbers mean "held", not "not yet collected": streamed
// frames leave up to V8's external-memory soft limit (64 MiB) of garbage between collections, more than the
// file. A scavenge (minor) frees the young frames in about a millisecond; a full collection took 70 ms.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

const FIXTURE = path.join(__dirname, '..', '..', 'inspection', 'src', 'fixtures', 'small-inspection');

describe.each(['embedded', 'postgres'] as const)('integrity sweep on %s', (kind) => {
  const home = createTempDir();
  let t: SupervisionTestApp;
  let sweep: IntegritySweep;
  let captures: { id: string; storagePath: string };

  beforeAll(async () => {
    t = await startSupervisionApp(kind, home.dir);
    sweep = t.app.get(IntegritySweep);
    await t.app
      .get(InspectionService)
      .inspect(FIXTURE, { outDir: path.join(home.dir, 'out'), decisionDate: '2021-04-21' });
    [captures] = await t.db.dataSource.query<{ id: string; storagePath: string }[]>(
      `SELECT id::text AS id, storage_path AS "storagePath" FROM ingest_batch WHERE kind = 'captures'`,
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    home.remove();
  });

  it('finds every stored file intact and raises nothing on an untouched store', async () => {
    const result = await sweep.run();
    expect(result.alerts).toBeUndefined();
    expect(result.summary).toEqual({
      rawFiles: 4,
      caseFiles: 1,
      caseDocuments: 0,
      intact: 5,
      altered: 0,
      missing: 0,
      retired: 0,
    });
  });

  it('names the one raw file a byte was changed in, and leaves it as found', async () => {
    const original = readFileSync(captures.storagePath);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] ^= 0x01;
    chmodSync(captures.storagePath, 0o600);
    writeFileSync(captures.storagePath, tampered);
    try {
      const result = await sweep.run();
      expect(result.alerts).toEqual([
        {
          code: SUPERVISION_ALERTS.EVIDENCE_ALTERED,
          object: `batch ${captures.id} captures.jsonl`,
          message: expect.stringContaining('does not authenticate') as string,
        },
      ]);
      expect(result.summary).toMatchObject({ intact: 4, altered: 1, missing: 0 });
      // Never repaired: the bytes are as the sweep found them.
      expect(readFileSync(captures.storagePath).equals(tampered)).toBe(true);
    } finally {
      writeFileSync(captures.storagePath, original);
    }
    expect((await sweep.run()).alerts).toBeUndefined();
  });

  it('names a raw file that is gone', async () => {
    renameSync(captures.storagePath, `${captures.storagePath}.away`);
    try {
      const result = await sweep.run();
      expect(result.alerts).toEqual([
        {
          code: SUPERVISION_ALERTS.EVIDENCE_MISSING,
          object: `batch ${captures.id} captures.jsonl`,
          message: expect.stringContaining('is missing') as string,
        },
      ]);
    } finally {
      renameSync(`${captures.storagePath}.away`, captures.storagePath);
    }
  });

  it('logs each sweep with what it found', async () => {
    const rows = await t.db.dataSource.query<{ details: { objects: string[] } }[]>(
      `SELECT details FROM audit_log WHERE action = 'evidence.swept' ORDER BY id`,
    );
    expect(rows.map((r) => r.details.objects)).toEqual([
      [],
      [`batch ${captures.id} captures.jsonl`],
      [],
      [`batch ${captures.id} captures.jsonl`],
    ]);
  });
});

describe('re-hashing a stored file', () => {
  const home = createTempDir();
  afterAll(() => home.remove());

  it('streams: memory stays far below the size of the file', async () => {
    const t = await startSupervisionApp('embedded', home.dir);
    try {
      const size = 48 * 1024 * 1024;
      const plain = path.join(home.dir, 'big.bin');
      const hash = createHash('sha256');
      const out = createWriteStream(plain);
      const block = randomBytes(1024 * 1024);
      for (let i = 0; i < size / block.length; i++) {
        hash.update(block);
        if (!out.write(block)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      const sha256 = hash.digest('hex');
      const kept = await EvidenceStore.forConfig(t.config).keep(plain, sha256);

      const held = (type: 'major' | 'minor') => {
        gc({ type });
        return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      };
      const baseline = held('major');
      let peak = baseline;
      let samples = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, held('minor'));
        samples += 1;
      }, 5);
      const found = await t.app.get(StoredFileDigest).check(kept, sha256);
      clearInterval(sampler);
      expect(found).toEqual({ state: 'intact' });
      // The digest spans many turns of the event loop, so the sampler saw it at work.
      expect(samples).toBeGreaterThan(3);
      // Reading the file whole would hold at least its 48 MiB at once; streamed, a few frames.
      expect(peak - baseline).toBeLessThan(size / 4);
    } finally {
      await t.close();
    }
  }, 120_000);
});
