import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { InspectionModule } from './inspection.module';
import { IngestService } from './ingest.service';

const VENDORS = path.join(__dirname, '..', '..', 'ingestion', 'src', 'fixtures', 'vendors');

interface FixtureExpectation {
  deviceId?: string;
  rows: ({ line: number } & ({ accepted: unknown } | { skipped: string } | { rejected: unknown }))[];
}

/**
 * A captures/ folder holding one export of every vendor format (the ingestion lib's synthetic fixtures),
 * a manifest for the exports that do not name their device, and a file nobody can read: every file is
 * its own batch with reconciled counts, non-face events are skipped and counted, the stray file is refused.
 */
describe('a captures/ folder of mixed vendor exports (embedded)', () => {
  const home = createTempDir();
  let ingest: IngestService;
  let db: Database;
  let close: () => Promise<void>;
  const expected = new Map<string, { accepted: number; skipped: number; rejected: number; read: number }>();

  beforeAll(async () => {
    const folder = path.join(home.dir, 'inspection');
    const captures = path.join(folder, 'captures');
    mkdirSync(captures, { recursive: true });
    writeFileSync(
      path.join(folder, 'firm.json'),
      JSON.stringify({
        name: 'Vendor Mix Property Co. (synthetic)',
        creditCode: '91330201MA2GT00012',
        region: 'Ningbo',
        timezone: 'Asia/Shanghai',
      }),
    );
    writeFileSync(
      path.join(folder, 'devices.csv'),
      [
        'deviceId,siteId,siteName,siteType,faceOnlyAccess,vendor,model,declaredPurpose,timezone',
        ...['DS-K1T-SYN0001', 'hc-dev-0001', 'DH-ASI-SYN0001', 'ZK-SYN0001'].map(
          (d) => `${d},S-1,Sales office,sales_office,false,v,m,,Asia/Shanghai`,
        ),
      ].join('\n'),
    );
    writeFileSync(
      path.join(folder, 'consents.csv'),
      'consentId,subjectRef,givenAt,purposes,method,separateConsent\nC1,10023,2025-01-01T00:00:00+08:00,access_control,written,true\n',
    );
    const manifest = ['file,deviceId'];
    for (const dir of readdirSync(VENDORS).filter((d) => !d.startsWith('canonical'))) {
      for (const f of readdirSync(path.join(VENDORS, dir)).filter((n) => !n.endsWith('.expected.json'))) {
        const name = `${dir}--${f}`;
        copyFileSync(path.join(VENDORS, dir, f), path.join(captures, name));
        const e = JSON.parse(
          readFileSync(path.join(VENDORS, dir, f.replace(/\.[a-z]+$/, '.expected.json')), 'utf8'),
        ) as FixtureExpectation;
        if (e.deviceId) manifest.push(`${name},${e.deviceId}`);
        expected.set(name, {
          read: e.rows.length,
          accepted: e.rows.filter((r) => 'accepted' in r).length,
          skipped: e.rows.filter((r) => 'skipped' in r).length,
          rejected: e.rows.filter((r) => 'rejected' in r).length,
        });
      }
    }
    writeFileSync(path.join(captures, 'manifest.csv'), `${manifest.join('\n')}\n`);
    writeFileSync(path.join(captures, 'stray-notes.bin'), Buffer.from([0, 1, 2, 3, 255, 254]));
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, PersistenceModule, InspectionModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig({ BIOAUDIT_HOME: home.dir }))
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    ingest = app.get(IngestService);
    db = app.get(DATABASE);
    close = () => app.close();
  }, 120_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  it('ingests every format as its own batch, counts reconciled, the stray file refused', async () => {
    await migrate(db);
    const r = await ingest.ingestFolder(path.join(home.dir, 'inspection'));
    expect(r.refusedFiles.map((f) => f.fileName)).toEqual(['stray-notes.bin']);
    expect(r.captureFiles.map((f) => f.fileName).sort()).toEqual([...expected.keys()].sort());
    let stored = 0;
    for (const f of r.captureFiles) {
      const e = expected.get(f.fileName)!;
      expect({ file: f.fileName, read: f.read, skipped: f.skipped, rejected: f.rejected }).toEqual({
        file: f.fileName,
        read: e.read,
        skipped: e.skipped,
        rejected: e.rejected,
      });
      // Hikvision's search result and push stream report some of the same events: the later file's copies are duplicates.
      expect(f.accepted + f.duplicates).toBe(e.accepted);
      expect(f.conflicts).toBe(0);
      expect(f.read).toBe(f.accepted + f.duplicates + f.conflicts + f.skipped + f.rejected);
      stored += f.accepted;
    }
    expect(r.captures.read).toBe(
      r.captures.accepted +
        r.captures.duplicates +
        r.captures.conflicts +
        r.captures.skipped +
        r.captures.rejected,
    );
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM capture_event',
    );
    expect(n).toBe(stored);
    const formats = await db.dataSource.query<{ capture_format: string }[]>(
      `SELECT DISTINCT capture_format FROM ingest_batch WHERE kind = 'captures' ORDER BY 1`,
    );
    expect(formats.map((f) => f.capture_format)).toEqual([
      'dahua-recordfinder',
      'hikcentral-csv',
      'hikvision-acs-push',
      'hikvision-acs-search',
      'zkteco-attlog',
      'zkteco-rtlog',
    ]);
  }, 120_000);
});
