import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { evaluateComparisonsFile } from '@app/recognition';
import { createTempDir } from '@app/testing';
import { account, startApiServer, type TestServer } from './api-test-server';

const COMPARISONS = path.join(__dirname, '..', 'libs', 'recognition', 'src', 'fixtures', 'comparisons');
const SMALL = path.join(__dirname, '..', 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
/** Small enough that the fixture folder, zipped, is over it. */
const MAX_UPLOAD = 1500;

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { field: string; message: string }[];
}

/** The response is an RFC 9457 problem with this status and code, and no stack trace. */
async function problem(res: Response, status: number, code: string): Promise<ProblemBody> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at /);
  const body = JSON.parse(text) as ProblemBody;
  expect({ status: res.status, bodyStatus: body.status, code: body.code }).toEqual({
    status,
    bodyStatus: status,
    code,
  });
  expect(body.type).toBe(`urn:bioaudit:problem:${code}`);
  expect(typeof body.title).toBe('string');
  return body;
}

function smallZip(): Buffer {
  const zip = new AdmZip();
  zip.addLocalFolder(SMALL, 'small-inspection');
  return zip.toBuffer();
}

describe('API errors as problem+json (embedded)', () => {
  const home = createTempDir();
  let s: TestServer;

  beforeAll(async () => {
    s = await startApiServer(
      'embedded',
      home.dir,
      { default: account('officer-test', ['inspector'], { region: '3302' }) },
      { BIOAUDIT_UPLOAD_MAX_BYTES: String(MAX_UPLOAD) },
    );
  }, 60_000);

  afterAll(async () => {
    await s.close();
    home.remove();
  });

  /** What refused uploads left behind (nothing: a refused upload's folder is removed). */
  const uploadsKept = (): string[] => {
    const dir = path.join(home.dir, 'uploads', 'inspections');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('401 without credentials, naming AUTH.UNAUTHENTICATED', async () => {
    const body = await problem(await s.fetch('/api/firms', {}, null), 401, 'AUTH.UNAUTHENTICATED');
    expect(body.instance).toBe('/api/firms');
  });

  it('404 for an unknown route', async () => {
    const body = await problem(await s.fetch('/api/no-such-thing'), 404, 'API.ROUTE_NOT_FOUND');
    expect(body.instance).toBe('/api/no-such-thing');
  });

  it('404 for an object that does not exist, the same as one out of scope', async () => {
    await problem(await s.fetch('/api/firms/91330201MA2GT00012'), 404, 'API.NOT_FOUND');
    await problem(await s.fetch('/api/batches/999'), 404, 'API.NOT_FOUND');
    await problem(
      await s.fetch('/api/inspections/00000000-0000-0000-0000-000000000000'),
      404,
      'API.NOT_FOUND',
    );
    // The event stream refuses before it starts: a problem document, not an empty stream.
    await problem(
      await s.fetch('/api/inspections/00000000-0000-0000-0000-000000000000/events'),
      404,
      'API.NOT_FOUND',
    );
  });

  it('422 naming the field for a bad query, an unknown query parameter and a foreign cursor', async () => {
    const limit = await problem(await s.fetch('/api/findings?limit=0'), 422, 'API.VALIDATION');
    expect(limit.errors).toEqual([{ field: 'limit', message: expect.stringContaining('limit') as string }]);
    const unknown = await problem(await s.fetch('/api/findings?colour=red'), 422, 'API.VALIDATION');
    expect(unknown.errors?.map((e) => e.field)).toEqual(['colour']);
    const cursor = await problem(await s.fetch('/api/findings?cursor=abc'), 422, 'API.VALIDATION');
    expect(cursor.errors?.map((e) => e.field)).toEqual(['cursor']);
  });

  it('400 for a body that is not JSON', async () => {
    const res = await s.fetch('/api/batches/1/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    await problem(res, 400, 'API.BAD_REQUEST');
  });

  it('413 for a zip body over BIOAUDIT_UPLOAD_MAX_BYTES, nothing kept', async () => {
    const body = smallZip();
    expect(body.length).toBeGreaterThan(MAX_UPLOAD);
    const res = await s.fetch('/api/inspections', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body,
    });
    const p = await problem(res, 413, 'API.UPLOAD_TOO_LARGE');
    expect(p.detail).toContain(String(MAX_UPLOAD));
    expect(uploadsKept()).toEqual([]);
  });

  it('413 for a zip body without Content-Length, counted while it streams', async () => {
    const bytes = smallZip();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 256) controller.enqueue(bytes.subarray(i, i + 256));
        controller.close();
      },
    });
    const res = await s.fetch('/api/inspections', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body,
      duplex: 'half',
    });
    await problem(res, 413, 'API.UPLOAD_TOO_LARGE');
    expect(uploadsKept()).toEqual([]);
  });

  it('413 for multipart files that together exceed the limit, counted while streaming', async () => {
    const form = new FormData();
    for (const name of ['firm.json', 'devices.csv', 'captures.jsonl', 'consents.csv']) {
      form.append('files', new Blob([readFileSync(path.join(SMALL, name))]), name);
    }
    const res = await s.fetch('/api/inspections', { method: 'POST', body: form });
    await problem(res, 413, 'API.UPLOAD_TOO_LARGE');
  });

  it('415 for an upload that is neither a zip nor multipart', async () => {
    const res = await s.fetch('/api/inspections', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    await problem(res, 415, 'API.UNSUPPORTED_MEDIA_TYPE');
  });

  it('422 INGEST.ARCHIVE_UNSAFE for a zip whose entry climbs out of the folder; nothing written outside', async () => {
    const zip = new AdmZip();
    zip.addFile('firm.json', Buffer.from('{}'));
    zip.addFile('x', Buffer.from('escaped'));
    // adm-zip cleans names it is given; the raw entry name is set afterwards, as a hostile client would.
    zip.getEntries()[1].entryName = '../../escaped.txt';
    const res = await s.fetch('/api/inspections', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: zip.toBuffer(),
    });
    await problem(res, 422, 'INGEST.ARCHIVE_UNSAFE');
    expect(existsSync(path.join(home.dir, 'uploads', 'escaped.txt'))).toBe(false);
    expect(existsSync(path.join(home.dir, 'escaped.txt'))).toBe(false);
  });

  it('422 for a multipart file name that climbs out of the folder', async () => {
    const form = new FormData();
    form.append('files', new Blob(['{}']), '../../evil.json');
    const res = await s.fetch('/api/inspections', { method: 'POST', body: form });
    await problem(res, 422, 'API.BAD_UPLOAD');
  });
});

describe('evaluations through the API (embedded)', () => {
  const home = createTempDir();
  let s: TestServer;

  beforeAll(async () => {
    s = await startApiServer('embedded', home.dir, {
      default: account('officer-test', ['inspector'], { region: '3302' }),
    });
  }, 60_000);

  afterAll(async () => {
    await s.close();
    home.remove();
  });

  it('evaluates a comparisons CSV with a claim: the same report as `bioaudit evaluate comparisons`', async () => {
    const csv = path.join(COMPARISONS, 'fmr-claim-refuted.csv');
    const claim = { metric: 'FMR', max: 0.01 };
    const form = new FormData();
    form.append('comparisons', new Blob([readFileSync(csv)]), 'comparisons.csv');
    form.append('threshold', '0.7');
    form.append('claim', JSON.stringify(claim));
    const res = await s.fetch('/api/evaluations', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as { report: { verdict: { result: string }; det: unknown[] } };
    expect(report.verdict.result).toBe('REFUTED');
    expect(report.det.length).toBeGreaterThan(0);
    const cli = await evaluateComparisonsFile(csv, { threshold: 0.7, claim });
    expect(report).toEqual(JSON.parse(JSON.stringify(cli)));
  }, 60_000);

  it('422 naming `threshold` and `comparisons` for a bad evaluation upload', async () => {
    const form = new FormData();
    form.append('threshold', 'high');
    const res = await s.fetch('/api/evaluations', { method: 'POST', body: form });
    const p = await problem(res, 422, 'API.VALIDATION');
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['comparisons', 'threshold']);
  });

  it('422 with the recognition code for a CSV that is not a comparisons file', async () => {
    const form = new FormData();
    form.append(
      'comparisons',
      new Blob([readFileSync(path.join(COMPARISONS, 'missing-column.csv'))]),
      'c.csv',
    );
    const res = await s.fetch('/api/evaluations', { method: 'POST', body: form });
    await problem(res, 422, 'RECOGNITION.BAD_COMPARISONS_FILE');
  });
});
