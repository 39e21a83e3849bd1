import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { InspectionService } from '@app/inspection';
import { createTempDir } from '@app/testing';
import { startInspectionApp } from '../libs/inspection/src/inspection-app.testing';
import { creditCodeCheckChar } from '@app/common';
import { account, startApiServer, type TestServer } from './api-test-server';

const FIXTURES = path.join(__dirname, '..', 'libs', 'inspection', 'src', 'fixtures');
const FIRM = '91330201MA2GT00012';
/** A decision date stated in the folder, so both runs assess the same day whatever the clock says. */
const CASE_JSON = JSON.stringify({ decisionDate: '2021-04-21' });

/** A firm of Beijing (division 110108), with a valid check character. */
const OTHER_FIRM = `91110108MA01ABCDE${creditCodeCheckChar('91110108MA01ABCDE')}`;

const USERS = {
  default: account('officer-test', ['inspector'], { region: '3302' }),
  ningbo: account('ningbo-observer', ['observer'], { region: '3302' }),
  beijing: account('beijing-officer', ['inspector'], { region: '1101' }),
  firm: account('firm-key', ['firm'], { firm: FIRM }),
  otherFirm: account('other-firm', ['firm'], { firm: OTHER_FIRM }),
};

interface Status {
  id: string;
  status: string;
  firm: string | null;
  progress: { stage: string | null; captures: number; consents: number };
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

/** The fixture folder with a case.json stating the decision date. */
function folderOf(name: string, dir: string): string {
  const folder = path.join(dir, name);
  cpSync(path.join(FIXTURES, name), folder, { recursive: true });
  writeFileSync(path.join(folder, 'case.json'), CASE_JSON);
  return folder;
}

function zipOf(folder: string): Buffer {
  const zip = new AdmZip();
  zip.addLocalFolder(folder, path.basename(folder));
  return zip.toBuffer();
}

async function poll(s: TestServer, id: string, user = 'default'): Promise<Status> {
  for (let i = 0; i < 600; i++) {
    const res = await s.fetch(`/api/inspections/${id}`, {}, user);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Status;
    if (body.status === 'done' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`inspection ${id} did not finish`);
}

/**
 * The report without what differs between any two separate runs: where the PDF was written, and its hash
 * (the case file prints the custody chain's receipt times, so two ingests never render identical bytes; the
 * hash is checked against the file itself instead).
 */
function comparable(report: Record<string, unknown>): Record<string, unknown> {
  const caseFile = report.caseFile as { path: string; sha256: string } | null;
  return {
    ...report,
    caseFile: caseFile ? { ...caseFile, path: path.basename(caseFile.path), sha256: 'sha256' } : null,
  };
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe.each(['embedded', 'postgres'] as const)('inspections through the API (%s)', (kind) => {
  const home = createTempDir();
  const cliHome = createTempDir();
  const work = createTempDir();
  let s: TestServer;
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    s = await startApiServer(kind, home.dir, USERS, { BIOAUDIT_OPERATOR: 'officer-test' });
    // What `bioaudit inspect --json` prints: the same service on the same folder, as the CLI command calls it.
    const cli = await startInspectionApp(kind, cliHome.dir, {
      env: {
        BIOAUDIT_MASTER_KEY: 'YmlvYXVkaXQtZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3I=',
        BIOAUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIJIIvoaMmhVt6Z4uIhptK+A1gUzGTyMTXVzm3eWTE4uf',
      },
      now: new Date(),
    });
    try {
      const report = await cli.app
        .get(InspectionService)
        .inspect(folderOf('small-inspection', path.join(work.dir, 'cli')), {
          outDir: path.join(cliHome.dir, 'out'),
        });
      expected = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    } finally {
      await cli.close();
    }
  }, 120_000);

  afterAll(async () => {
    await s.close();
    home.remove();
    cliHome.remove();
    work.remove();
  });

  let findingIds: string[] = [];

  it('takes a zip body: 202 with an id, then queued/running, then done with the inspect --json document', async () => {
    const body = zipOf(folderOf('small-inspection', path.join(work.dir, 'zip')));
    const res = await s.fetch(`/api/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const done = await poll(s, id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    expect(done.firm).toBe(FIRM);
    expect(done.progress).toMatchObject({ captures: 19, consents: 8 });
    expect(comparable(done.result!)).toEqual(comparable(expected));
    const caseFile = done.result!.caseFile as { path: string; sha256: string };
    expect(sha256Of(caseFile.path)).toBe(caseFile.sha256);
    expect(caseFile.path.startsWith(home.dir)).toBe(true);
    // The hand-written expectation of the fixture holds through the API too.
    const handWritten = JSON.parse(
      readFileSync(path.join(FIXTURES, 'small-inspection', 'expected.json'), 'utf8'),
    ) as { ingest: unknown };
    expect(done.result!.ingest).toMatchObject(handWritten.ingest as object);
  }, 120_000);

  it('takes multipart files named by their paths and gives the same document', async () => {
    const folder = folderOf('small-inspection', path.join(work.dir, 'multipart'));
    const form = new FormData();
    for (const name of readdirSync(folder)) {
      form.append('files', new Blob([readFileSync(path.join(folder, name))]), name);
    }
    const res = await s.fetch(`/api/inspections`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const done = await poll(s, id);
    expect(done.status).toBe('done');
    expect(comparable(done.result!)).toEqual(comparable(expected));
  }, 120_000);

  it('takes the zipped folder as one multipart file (a browser file picker)', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([zipOf(folderOf('small-inspection', path.join(work.dir, 'form-zip')))]),
      'folder.zip',
    );
    const res = await s.fetch(`/api/inspections`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const done = await poll(s, ((await res.json()) as { id: string }).id);
    expect(done.status).toBe('done');
    expect(comparable(done.result!)).toEqual(comparable(expected));
  }, 120_000);

  it('streams progress as server-sent events, ending with the final status', async () => {
    const body = zipOf(folderOf('conflicts-inspection', path.join(work.dir, 'sse')));
    const res = await s.fetch(`/api/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body,
    });
    const { id } = (await res.json()) as { id: string };
    const events = await s.fetch(`/api/inspections/${id}/events`);
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await events.text(); // the stream ends when the inspection does
    const statuses = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => (JSON.parse(l.slice(6)) as Status).status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses[statuses.length - 1]).toMatch(/^(done|failed)$/);
    expect((await poll(s, id)).status).toBe(statuses[statuses.length - 1]);
  }, 120_000);

  it('pages findings by cursor: every finding once, in id order, stable when findings are added', async () => {
    const all = (await (await s.fetch(`/api/findings?limit=500`)).json()) as {
      items: { id: string; firm: string }[];
      nextCursor: string | null;
    };
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(3);
    findingIds = all.items.map((f) => f.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await (await s.fetch(`/api/findings?limit=2${q}`)).json()) as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 1000);
    expect(paged).toEqual(findingIds);

    // A page's cursor still continues after its last item once new findings exist.
    const first = (await (await s.fetch(`/api/findings?limit=2`)).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    // New evidence of the same firm: the same lines under new event ids and new, unconsented persons.
    const moreFolder = folderOf('small-inspection', path.join(work.dir, 'more'));
    const captures = path.join(moreFolder, 'captures.jsonl');
    writeFileSync(
      captures,
      readFileSync(captures, 'utf8')
        .replace(/"eventId":"/g, '"eventId":"NEW-')
        .replace(/"subjectRef":"/g, '"subjectRef":"NEW-'),
    );
    const body = zipOf(moreFolder);
    const more = await s.fetch(
      `/api/inspections`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body,
      },
      'firm',
    );
    await poll(s, ((await more.json()) as { id: string }).id, 'firm');
    const second = (await (
      await s.fetch(`/api/findings?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json()) as { items: { id: string }[] };
    expect(second.items.map((f) => f.id)).toEqual(
      ((await (await s.fetch(`/api/findings?limit=500`)).json()) as { items: { id: string }[] }).items
        .map((f) => f.id)
        .filter((id) => BigInt(id) > BigInt(first.items[1].id))
        .slice(0, 2),
    );
    expect(second.items.map((f) => f.id)).not.toContain(first.items[0].id);
    const after = (await (await s.fetch(`/api/findings?limit=500`)).json()) as { items: unknown[] };
    expect(after.items.length).toBeGreaterThan(findingIds.length);
  }, 120_000);

  it('filters findings and drills one down to its input lines and batch hash', async () => {
    const page = (await (await s.fetch(`/api/findings?firm=${FIRM}&reason=NO_CONSENT&limit=500`)).json()) as {
      items: { id: string; reason: string; firm: string }[];
    };
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((f) => f.reason === 'NO_CONSENT' && f.firm === FIRM)).toBe(true);
    const res = await s.fetch(`/api/findings/${page.items[0].id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as {
      captures: { eventId: string; source: { fileName: string; lineNo: number; batchSha256: string } }[];
    };
    expect(detail.captures.length).toBeGreaterThan(0);
    const c = detail.captures[0];
    expect(c.source.fileName).toBe('captures.jsonl');
    expect(c.source.batchSha256).toMatch(/^[0-9a-f]{64}$/);
    // The line named is the line of the firm's file that holds this event id.
    const line = readFileSync(path.join(FIXTURES, 'small-inspection', 'captures.jsonl'), 'utf8').split('\n')[
      c.source.lineNo - 1
    ];
    expect(line).toContain(c.eventId);
    const none = (await (await s.fetch(`/api/findings?period=2030`)).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
  });

  it('keeps other firms and regions out: empty lists and 404, never a hint', async () => {
    const asUser = (user: string, p: string) => s.fetch(p, {}, user);
    for (const user of ['beijing', 'otherFirm']) {
      expect(
        ((await (await asUser(user, '/api/findings?limit=500')).json()) as { items: unknown[] }).items,
      ).toEqual([]);
      const r = await asUser(user, `/api/findings/${findingIds[0]}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await r.json()) as { code: string }).code).toBe('API.NOT_FOUND');
      expect((await asUser(user, `/api/firms/${FIRM}`)).status).toBe(404);
    }
    for (const user of ['ningbo', 'firm']) {
      expect((await asUser(user, `/api/findings/${findingIds[0]}`)).status).toBe(200);
      expect((await asUser(user, `/api/firms/${FIRM}`)).status).toBe(200);
    }
  });

  it('shows a firm with its devices and batches, each batch with custody and reconciled counts, and verifies it', async () => {
    const firm = (await (await s.fetch(`/api/firms/${FIRM}`)).json()) as {
      devices: unknown[];
      batches: { kind: string; status: string }[];
    };
    expect(firm.devices.length).toBeGreaterThan(0);
    expect(firm.batches.some((b) => b.kind === 'captures' && b.status === 'completed')).toBe(true);
    const batches = (await (await s.fetch(`/api/firms/${FIRM}/batches?limit=500`)).json()) as {
      items: {
        id: string;
        kind: string;
        sha256: string;
        counts: {
          read: number;
          accepted: number;
          duplicates: number;
          conflicts: number;
          skipped: number;
          rejected: number;
        };
      }[];
    };
    const captures = batches.items.find((b) => b.kind === 'captures')!;
    const n = captures.counts;
    expect(n.read).toBe(n.accepted + n.duplicates + n.conflicts + n.skipped + n.rejected);
    const one = (await (await s.fetch(`/api/batches/${captures.id}`)).json()) as {
      sha256: string;
      receivedBy: string;
    };
    expect(one).toMatchObject({ sha256: captures.sha256, receivedBy: 'officer-test' });
    const q = (await (await s.fetch(`/api/batches/${captures.id}/quarantine?limit=2`)).json()) as {
      items: { lineNo: number }[];
      nextCursor: string | null;
    };
    expect(q.items.length).toBe(2);
    expect(q.nextCursor).not.toBeNull();
    const verify = await s.fetch(`/api/batches/${captures.id}/verify`, { method: 'POST' });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({
      batch: captures.id,
      intact: true,
      actualSha256: captures.sha256,
    });
  });

  it('fails an inspection whose folder is not one, with the ingest error code', async () => {
    const form = new FormData();
    form.append('files', new Blob(['not a firm']), 'readme.txt');
    const res = await s.fetch(`/api/inspections`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const failed = await poll(s, ((await res.json()) as { id: string }).id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toMatch(/^INGEST\./);
  });
});
