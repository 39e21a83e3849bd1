import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { createTempDir } from '@app/testing';
import { account, startApiServer } from './api-test-server';

const SMALL = path.join(__dirname, '..', 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');

/** An inspection accepted before a restart is not lost: its row and upload survive, and the run resumes. */
describe('inspections across a restart (embedded)', () => {
  const home = createTempDir();
  afterAll(() => home.remove());

  it('resumes an inspection the server stopped during, and finishes it', async () => {
    const zip = new AdmZip();
    zip.addLocalFolder(SMALL, 'small-inspection');
    const first = await startApiServer('embedded', home.dir, {
      default: account('officer-a', ['inspector'], { region: '3302' }),
    });
    let id: string;
    try {
      const res = await first.fetch('/api/inspections', {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: zip.toBuffer(),
      });
      expect(res.status).toBe(202);
      id = ((await res.json()) as { id: string }).id;
    } finally {
      // Stopped at once: the inspection is queued or under way, not done.
      await first.close();
    }
    const second = await startApiServer('embedded', home.dir, {
      default: account('officer-b', ['inspector'], { region: '3302' }),
    });
    try {
      let status = '';
      let firstSeen: string | null = null;
      let body: { status: string; result: { ingest: { captures: { read: number } } } | null } | null = null;
      for (let i = 0; i < 300 && status !== 'done' && status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await second.fetch(`/api/inspections/${id}`);
        expect(res.status).toBe(200);
        body = (await res.json()) as typeof body;
        status = body!.status;
        firstSeen ??= status;
      }
      // The stop came long before an inspection takes (~1 s): what finished it is the resumed run.
      expect(firstSeen).not.toBe('done');
      expect(status).toBe('done');
      expect(body!.result!.ingest.captures.read).toBe(19);
    } finally {
      await second.close();
    }
  }, 120_000);
});
