import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@app/common';
import type { CaseFileFindingRow, CaseFileInput } from '../case-file.types';
import { CaseFileErrorCode } from '../case-files.errors';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { pdfFonts, pdfPageCount, pdfPagesText } from './poppler.testing';

const dir = mkdtempSync(join(tmpdir(), 'case-file-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const renderer = new CaseFileRenderer();

async function expectDomainError(promise: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(code);
    return error.details;
  }
  throw new Error(`expected ${code}`);
}

describe('CaseFileRenderer', () => {
  const input = sampleCaseFileInput({ findings: 300, affectedPersons: 80 });
  const path = join(dir, 'sample.pdf');
  let result: Awaited<ReturnType<CaseFileRenderer['render']>>;
  let pages: string[];

  beforeAll(async () => {
    result = await renderer.render(input, path);
    pages = pdfPagesText(path);
  }, 60_000);

  it('reports the file it wrote: hash, size, pages and row counts', () => {
    const bytes = readFileSync(path);
    expect(result.path).toBe(path);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.bytes).toBe(bytes.length);
    expect(result.pages).toBe(pdfPageCount(path));
    expect(result.findingRows).toBe(300);
    expect(result.affectedPersonRows).toBe(80);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('renders Chinese and English text that a PDF reader extracts back', () => {
    // Line breaks fall anywhere in wrapped text, so compare with all white space removed.
    const compact = (s: string) => s.replace(/\s+/g, '');
    const all = compact(pages.join('\n'));
    for (const text of [
      '行政处罚案卷',
      'Administrative Penalty Case File',
      input.caseNumber,
      input.authority.nameZh!,
      input.firm.creditCode,
      '未取得同意',
      'No consent',
      'CNY 250,000.00',
      '人民币贰拾伍万元整',
      '六十日内',
      'within 60 days',
      '六个月内',
      input.evidence[0].sha256,
      input.evidence[0].fileName,
      'P000079',
      '附件一共 300 行',
      'Annex B lists 80 persons',
      '承办人签名',
      'Seal of the authority',
    ]) {
      expect(all).toContain(compact(text));
    }
  });

  it('embeds the CJK font as subsets and uses no other font', () => {
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: true, subset: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    }
  });

  it('puts the case number and its page number in the footer of every page', () => {
    expect(pages).toHaveLength(result.pages);
    pages.forEach((text, i) => {
      expect(text).toContain(`第 ${i + 1} 页 / Page ${i + 1}`);
      expect(text).toContain(`Case No. ${input.caseNumber}`);
    });
  });

  it('repeats the table header on every page of the findings annex', () => {
    const annexPages = pages.filter(
      (p) => /NO_CONSENT/.test(p) && /P0000\d\d/.test(p) && /DEV-0\d \/ S\d/.test(p),
    );
    expect(annexPages.length).toBeGreaterThan(3);
    for (const p of annexPages) expect(p).toContain('First — last capture');
  });

  it('orders sections as the contents list says, ending with the integrity note', () => {
    const all = pages.join('\n');
    const order = [
      'Facts',
      'Legal basis',
      'Evidence manifest',
      'Findings',
      'Affected persons',
      'Fine and how it was calculated',
      'Rights of appeal',
      'Annex A: List of findings',
      'Annex B: List of affected persons',
      'Integrity of this file',
    ];
    const afterCover = all.slice(all.indexOf('违法事实'));
    let last = -1;
    for (const heading of order) {
      const at = afterCover.indexOf(heading, last + 1);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(pages[pages.length - 1]).toContain('SHA-256');
  });

  it('produces byte-identical files from the same input', async () => {
    const again = await renderer.render(
      sampleCaseFileInput({ findings: 300, affectedPersons: 80 }),
      join(dir, 'again.pdf'),
    );
    expect(again.sha256).toBe(result.sha256);
    expect(readFileSync(join(dir, 'again.pdf')).equals(readFileSync(path))).toBe(true);
  }, 60_000);

  it('changes when an input changes (the issue date is the PDF creation date)', async () => {
    const later = {
      ...sampleCaseFileInput({ findings: 300, affectedPersons: 80 }),
      issuedAt: '2021-04-21T10:00:00+08:00',
    };
    const other = await renderer.render(later, join(dir, 'later.pdf'));
    expect(other.sha256).not.toBe(result.sha256);
  }, 60_000);
});

describe('CaseFileRenderer failures', () => {
  it('rejects an invalid input with every issue listed and writes nothing', async () => {
    const bad: CaseFileInput = {
      ...sampleCaseFileInput(),
      caseNumber: ' ',
      issuedAt: 'yesterday',
      evidence: [{ ...sampleCaseFileInput().evidence[0], sha256: 'ABC' }],
    };
    const out = join(dir, 'invalid.pdf');
    const details = await expectDomainError(renderer.render(bad, out), CaseFileErrorCode.InvalidInput);
    expect(details.issues).toEqual(
      expect.arrayContaining([
        'caseNumber: required text',
        'issuedAt: not an ISO 8601 date or instant',
        'evidence[0].sha256: not lower-case hex SHA-256',
      ]),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('stops on a malformed streamed row, naming it, and leaves no partial file behind', async () => {
    const good = sampleCaseFileInput({ findings: 500 });
    const input: CaseFileInput = {
      ...good,
      findings: async function* (): AsyncGenerator<CaseFileFindingRow> {
        let i = 0;
        for await (const row of good.findings()) {
          i += 1;
          yield i === 400 ? { ...row, captureCount: 0 } : row;
        }
      },
    };
    const out = join(dir, 'bad-row.pdf');
    const details = await expectDomainError(renderer.render(input, out), CaseFileErrorCode.InvalidRow);
    expect(details).toMatchObject({
      list: 'findings',
      row: 400,
      issues: ['captureCount: not a positive integer'],
    });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 60_000);

  it('wraps long identifiers in the annex instead of cutting them, and counts long consent lists', async () => {
    const base = sampleCaseFileInput({ findings: 3 });
    const longRef = 'VISITOR-2020-12-01-ABCDEFGHIJKLMNOPQRSTUV-000042';
    const consents = Array.from({ length: 5 }, (_, i) => `CONSENT-${i}-2f1c9a`);
    const row: CaseFileFindingRow = {
      reason: 'CONSENT_EXPIRED',
      subjectRef: longRef,
      deviceId: 'DEV-01',
      siteId: 'S1',
      purpose: 'marketing',
      captureCount: 2,
      firstAt: '2020-12-01T01:00:00Z',
      lastAt: '2020-12-01T02:00:00Z',
      consentIds: consents,
    };
    const out = join(dir, 'long-values.pdf');
    await renderer.render(
      {
        ...base,
        findings: () =>
          (async function* () {
            yield await Promise.resolve(row);
          })(),
      },
      out,
    );
    const raw = pdfPagesText(out, undefined, undefined, true).join('').replace(/\s+/g, '');
    expect(raw).toContain(longRef);
    expect(raw).toContain('5inall:CONSENT-0-2f1c9a,CONSENT-1-2f1c9a');
  }, 60_000);

  it('moves the signature block to its own page rather than overprint a crowded cover', async () => {
    const base = sampleCaseFileInput({ findings: 3 });
    const address = Array.from({ length: 14 }, (_, i) => `第 ${i + 1} 号楼 / Building ${i + 1}`).join('\n');
    const out = join(dir, 'crowded-cover.pdf');
    await renderer.render({ ...base, authority: { ...base.authority, address } }, out);
    const [first, second] = pdfPagesText(out, 1, 2);
    expect(first).toContain('Building 14');
    expect(first).not.toContain('承办人签名');
    expect(second).toContain('承办人签名');
    expect(second).toContain('Seal of the authority');
  }, 60_000);

  it('fails with CASE_FILE.RENDER_FAILED when the output cannot be written', async () => {
    const out = join(dir, 'no-such-dir', 'x.pdf');
    await expectDomainError(renderer.render(sampleCaseFileInput(), out), CaseFileErrorCode.RenderFailed);
  }, 60_000);

  it('fails with CASE_FILE.RENDER_FAILED, keeping the cause, when a row source throws mid-way', async () => {
    const good = sampleCaseFileInput({ findings: 200 });
    const out = join(dir, 'source-failed.pdf');
    const input: CaseFileInput = {
      ...good,
      affectedPersons: async function* () {
        yield* good.affectedPersons();
        throw new Error('connection reset');
      },
    };
    const details = await expectDomainError(renderer.render(input, out), CaseFileErrorCode.RenderFailed);
    expect(details).toEqual({ outPath: out });
    await expect(renderer.render(input, out)).rejects.toThrow(/connection reset/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 60_000);
});
