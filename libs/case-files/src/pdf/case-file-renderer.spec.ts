import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FINDING_REASONS, isDomainError } from '@app/common';
import type { CaseFileFindingRow, CaseFileInput } from '../case-file.types';
import { CaseFileErrorCode } from '../case-files.errors';
import type { CaseFileAttachmentJson } from '../core/case-file-attachment';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { ATTACHMENT_NAME } from './case-file-text';
import { pdfAttachment, pdfFonts, pdfPageCount, pdfPagesText, pdfWords } from './poppler.testing';

const dir = mkdtempSync(join(tmpdir(), 'case-file-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const renderer = new CaseFileRenderer();
// Line breaks fall anywhere in wrapped text, so compare with all white space removed.
const compact = (s: string) => s.replace(/\s+/g, '');

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

describe('CaseFileRenderer: a fine, in Chinese only (the default)', () => {
  const input = sampleCaseFileInput({ findings: 300, affectedPersons: 80 });
  const path = join(dir, 'sample.pdf');
  let result: Awaited<ReturnType<CaseFileRenderer['render']>>;
  let pages: string[];
  let all: string;

  beforeAll(async () => {
    result = await renderer.render(input, path);
    pages = pdfPagesText(path);
    all = compact(pages.join('\n'));
  }, 60_000);

  it('reports the file it wrote: hash, size, pages and row counts', () => {
    const bytes = readFileSync(path);
    expect(result.path).toBe(path);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.bytes).toBe(bytes.length);
    expect(result.pages).toBe(pdfPageCount(path));
    expect(result).toMatchObject({ findingRows: 300, affectedPersonRows: 80, quarantinedRows: 14 });
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('writes every section in Chinese, the trace, assumptions and precedents included, and no English', () => {
    for (const text of [
      '行政处罚案卷',
      input.caseNumber,
      '示例市市场监督管理局',
      input.firm.creditCode,
      '违法事实',
      '法律依据',
      '证据清单',
      '调查发现',
      '受影响人员',
      '罚款及计算过程',
      'CNY 250,000.00',
      '人民币贰拾伍万元整',
      '《消费者权益保护法》第五十六条罚款裁量规则',
      '裁量档次一般',
      '无法计算违法所得，适用"没有违法所得"的罚款幅度。',
      '当事人的营业额未知，未据此调整罚款。',
      '可比处罚决定（2件）',
      '中国消费者报,2021-04-22',
      '不具可比性、单独列示的决定（1件，不计入比较）',
      '法律依据与规模不同',
      '六十日内',
      '附件一共300行',
      '附件二共80人',
      '附件三共14条记录',
      '承办人签名',
      '张三（执法证号33029920001）',
      '法制审核人签名',
      '负责人审批',
      '执法机关印章',
    ]) {
      expect(all).toContain(compact(text));
    }
    for (const english of [
      'Facts',
      'Legal basis',
      'Page 1',
      'Calculation trace',
      'Ningbo AMR',
      'Discretion',
    ]) {
      expect(all).not.toContain(compact(english));
    }
  });

  it('names no internal identifier in the body: no reason codes, rulebook, step, tier or precedent ids', () => {
    const p = input.decision.penalty!;
    const ids = [
      ...FINDING_REASONS,
      p.rulebook.id,
      p.rulebook.version,
      p.tier.id,
      ...p.steps.map((s) => s.id),
      ...p.precedents.map((c) => c.id),
      'INGEST.',
      'circumstances.',
    ];
    for (const id of ids) expect(all).not.toContain(id);
  });

  it('shows the three dates of the case on the cover', () => {
    const cover = compact(pages[0]);
    expect(cover).toContain('发现时间2022年3月28日');
    expect(cover).toContain('立案日期2022年4月8日');
    expect(cover).toContain('决定日期2022年5月20日');
    expect(cover).not.toContain('草稿');
  });

  it('splits the facts and the legal basis by the law in force at the time of the conduct', () => {
    expect(all).toContain(compact('按行为时的法律划分'));
    const [before, after] = input.facts.periods;
    expect(all).toContain(compact(before.summary.zh));
    expect(all).toContain(compact(after.summary.zh));
    // Separate consent is a PIPL notion: the conduct before 2021-11-01 is not described with it.
    expect(before.summary.zh).not.toContain('单独同意');
    expect(all).not.toContain('未取得有效的单独同意');
    // The legal basis of the first period cites no PIPL article.
    const body = compact(pages.slice(1).join('\n'));
    const legal = body.slice(body.indexOf(compact('2法律依据')), body.indexOf(compact('3证据清单')));
    const first = legal.slice(0, legal.indexOf(compact(`（2）${after.label.zh}`)));
    expect(first).toContain(compact('《中华人民共和国消费者权益保护法》第二十九条第一款'));
    expect(first).not.toContain('个人信息保护法》第');
    expect(legal.slice(first.length)).toContain(compact('《中华人民共和国个人信息保护法》第三十一条'));
  });

  it("cites evidence by the firm's own names: event ids, file and line, digest, consent ids", () => {
    const raw = pdfPagesText(path, undefined, undefined, true).join('').replace(/\s+/g, '');
    expect(raw).toContain(compact('首EVT-20210601-000002·wangxiaobao-capture-log.csv:2·'));
    expect(raw).toContain(input.evidence[0].sha256.slice(0, 10));
    expect(raw).toContain('CR-2021-00003');
    expect(raw).toContain('id-face-verification-records.xlsx:70');
    // The full digest of every evidence file is in the manifest.
    for (const e of input.evidence) expect(all).toContain(e.sha256);
  });

  it('lists every rejected and conflicting record with file, line, field and the reason in words', () => {
    const annex = all.slice(all.indexOf(compact('附件三：被拒绝及存在冲突的记录')));
    expect(annex).toContain(compact('1拒绝wangxiaobao-capture-log.csv'));
    expect(annex).toContain(compact('40timestamp时间无法识别'));
    expect(annex).toContain(compact('462event_id同一设备同一事件编号下已有另一条不同的记录'));
    expect(annex).toContain(compact('673—记录格式错误，无法解析'));
  });

  it('embeds a machine-readable JSON attachment with the ids, codes and full hashes', () => {
    const json = JSON.parse(pdfAttachment(path, ATTACHMENT_NAME)) as CaseFileAttachmentJson;
    expect(json.caseNumber).toBe(input.caseNumber);
    expect(json.dates).toEqual(input.dates);
    expect(json.decision.outcome).toBe('fine');
    expect(json.decision.penalty!.rulebook).toEqual({ id: 'cn-crpl-56', version: '2024-07-01+cn-apl-2021' });
    expect(json.decision.penalty!.tier).toBe('ordinary');
    expect(json.decision.penalty!.steps.map((s) => s.id)).toEqual(
      input.decision.penalty!.steps.map((s) => s.id),
    );
    expect(json.findings.byReason.map((r) => r.reason)).toContain('NO_CONSENT');
    expect(json.findings.annexRows).toEqual({ findings: 300, affectedPersons: 80 });
    expect(json.evidence.map((e) => e.sha256)).toEqual(input.evidence.map((e) => e.sha256));
    expect(json.quarantine.rows).toBe(14);
    expect(json.quarantine.byReason).toContainEqual({
      fileName: 'wangxiaobao-capture-log.csv',
      batchSha256: input.evidence[0].sha256,
      kind: 'conflict',
      reasonCode: 'INGEST.CONFLICTING_EVENT',
      count: 3,
    });
    expect(json.extra).toEqual({ note: 'sample' });
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
      expect(compact(text)).toContain(`第${i + 1}页`);
      expect(compact(text)).toContain(compact(`案号 ${input.caseNumber}`));
    });
  });

  it('repeats the table header on every page of the findings annex', () => {
    const annexPages = pages.filter(
      (p) => /P0000\d\d/.test(p) && /DEV-0\d \/ S\d/.test(p) && /首 EVT-/.test(p),
    );
    expect(annexPages.length).toBeGreaterThan(3);
    for (const p of annexPages) expect(p).toContain('首次 — 最后采集时间');
  });

  it('orders sections as the contents list says, ending with the integrity note', () => {
    const order = [
      '1  违法事实',
      '2  法律依据',
      '3  证据清单',
      '4  调查发现',
      '5  受影响人员',
      '6  罚款及计算过程',
      '7  救济途径',
      '附件一：发现明细',
      '附件二：受影响人员名单',
      '附件三：被拒绝及存在冲突的记录',
      '完整性说明',
    ].map(compact);
    const afterCover = compact(pages.slice(1).join('\n'));
    let last = -1;
    for (const heading of order) {
      const at = afterCover.indexOf(heading, last + 1);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(pages[pages.length - 1]).toContain('SHA-256');
    expect(pages[pages.length - 1]).toContain(ATTACHMENT_NAME);
  });

  it('produces byte-identical files, attachment included, from the same input', async () => {
    const again = await renderer.render(
      sampleCaseFileInput({ findings: 300, affectedPersons: 80 }),
      join(dir, 'again.pdf'),
    );
    expect(again.sha256).toBe(result.sha256);
    expect(readFileSync(join(dir, 'again.pdf')).equals(readFileSync(path))).toBe(true);
  }, 60_000);

  it('changes when an input changes (the decision date is the PDF creation date)', async () => {
    const base = sampleCaseFileInput({ findings: 300, affectedPersons: 80 });
    const later = { ...base, dates: { ...base.dates, decisionDate: '2022-05-21' } };
    const other = await renderer.render(later, join(dir, 'later.pdf'));
    expect(other.sha256).not.toBe(result.sha256);
  }, 60_000);
});

describe('CaseFileRenderer: variants', () => {
  it('with English alongside, prints both languages with ASCII apostrophes', async () => {
    const out = join(dir, 'bilingual.pdf');
    await renderer.render(sampleCaseFileInput({ languages: ['zh', 'en'] }), out);
    const text = pdfPagesText(out).join('\n');
    const all = compact(text);
    for (const t of ['违法事实', 'Facts', 'Calculation trace', 'Page 1', 'Ningbo AMR', 'Rights of appeal']) {
      expect(all).toContain(compact(t));
    }
    expect(all).toContain(compact("the firm's own reference"));
    expect(text).not.toMatch(/[\u2018\u2019]/);
  }, 60_000);

  it('while the authority is a placeholder, puts a DRAFT watermark on every page and says why on the cover', async () => {
    const out = join(dir, 'draft.pdf');
    const r = await renderer.render(sampleCaseFileInput({ draft: true }), out);
    const pages = pdfPagesText(out);
    expect(pages).toHaveLength(r.pages);
    // Rotated text comes back a character or a word at a time.
    for (const p of pdfPagesText(out, undefined, undefined, true)) {
      expect(p).toContain('草');
      expect(p).toContain('DRAFT');
    }
    const plain = pdfPagesText(join(dir, 'sample.pdf'), undefined, undefined, true).join('');
    expect(plain).not.toContain('DRAFT');
    expect(compact(pages[0])).toContain(compact('草稿：本文件尚不能签发'));
    expect(compact(pages[0])).toContain(compact('执法机关、所在地区及执法人员尚未配置'));
  }, 60_000);

  it('for a time-barred case, produces a decision not to impose a penalty: the reason and the limitation, no fine', async () => {
    const input = sampleCaseFileInput({ outcome: 'time-barred' });
    const out = join(dir, 'time-barred.pdf');
    await renderer.render(input, out);
    const pages = pdfPagesText(out);
    const all = compact(pages.join('\n'));
    expect(compact(pages[0])).toContain('不予行政处罚决定书');
    expect(compact(pages[0])).toContain(compact('6不予行政处罚的理由'));
    for (const t of [
      '当事人的违法行为于2018年9月30日终了，至2021年1月5日被发现时已超过二年',
      '追责期限届满之日2020-09-30',
      '《中华人民共和国行政处罚法》（2017年修正）第二十九条',
      '综上，本机关决定对当事人不予行政处罚。',
      '本不予行政处罚决定',
    ]) {
      expect(all).toContain(compact(t));
    }
    for (const t of [
      'CNY',
      '罚款金额',
      '0.00',
      '大写',
      '序号说明依据数值',
      '裁量档次',
      '不停止执行',
      '行政处罚案卷',
    ]) {
      expect(all).not.toContain(t);
    }
    const json = JSON.parse(pdfAttachment(out, ATTACHMENT_NAME)) as CaseFileAttachmentJson;
    expect(json.decision).toMatchObject({
      outcome: 'time-barred',
      penalty: null,
      limitation: { barred: true },
    });
  }, 60_000);

  it('for a first, slight violation corrected in time, gives the no-penalty decision with its reason', async () => {
    const out = join(dir, 'no-penalty.pdf');
    await renderer.render(sampleCaseFileInput({ outcome: 'no-penalty' }), out);
    const all = compact(pdfPagesText(out).join('\n'));
    expect(all).toContain('不予行政处罚决定书');
    expect(all).toContain(compact('当事人系初次违法，危害后果轻微'));
    expect(all).not.toContain('CNY');
  }, 60_000);

  it('for a fine the facts do not allow (order to correct only), says no fine rather than CNY 0.00', async () => {
    const base = sampleCaseFileInput();
    const penalty = { ...base.decision.penalty!, amount: '0.00', min: '0.00', max: '0.00' };
    const out = join(dir, 'no-fine.pdf');
    await renderer.render({ ...base, decision: { ...base.decision, penalty } }, out);
    const all = compact(pdfPagesText(out).join('\n'));
    expect(all).toContain('罚款金额不处罚款');
    expect(all).not.toContain('CNY0.00');
  }, 60_000);

  it('keeps a calculation row that breaks onto the next page in the same type size, under the repeated header', async () => {
    const out = join(dir, 'long-trace.pdf');
    await renderer.render(sampleCaseFileInput({ extraTraceSteps: 14, languages: ['zh', 'en'] }), out);
    const pages = pdfPagesText(out);
    const tracePages = pages
      .map((p, i) => ({ p, n: i + 1 }))
      .filter(({ p }) => p.includes('Discretion factor'));
    expect(tracePages.length).toBeGreaterThan(1);
    const heights = new Set<string>();
    for (const { p, n } of tracePages) {
      expect(p).toContain('说明'); // the header repeats on every page the table runs onto
      for (const word of pdfWords(out, n).filter((x) => x.text === 'factor')) {
        heights.add(word.height.toFixed(1));
      }
    }
    // One size for every step, before and after the break (the bug drew continued rows at the header's size).
    expect([...heights]).toHaveLength(1);
  }, 60_000);
});

describe('CaseFileRenderer failures', () => {
  it('rejects an invalid input with every issue listed and writes nothing', async () => {
    const sample = sampleCaseFileInput();
    const bad: CaseFileInput = {
      ...sample,
      caseNumber: ' ',
      dates: { ...sample.dates, decisionDate: 'yesterday' },
      evidence: [{ ...sample.evidence[0], sha256: 'ABC' }],
    };
    const out = join(dir, 'invalid.pdf');
    const details = await expectDomainError(renderer.render(bad, out), CaseFileErrorCode.InvalidInput);
    expect(details.issues).toEqual(
      expect.arrayContaining([
        'caseNumber: required text',
        'dates.decisionDate: not a YYYY-MM-DD date',
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
    expect(readdirSync(dirname(out)).filter((f) => f.includes('.partial'))).toEqual([]);
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
      firstAt: '2021-06-01T01:00:00Z',
      lastAt: '2021-06-01T02:00:00Z',
      consentRefs: consents,
      firstCapture: null,
      lastCapture: null,
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
    expect(raw).toContain('共5条：CONSENT-0-2f1c9a,CONSENT-1-2f1c9a');
  }, 60_000);

  it('moves the signature block to its own page rather than overprint a crowded cover', async () => {
    const base = sampleCaseFileInput({ findings: 3 });
    const address = Array.from({ length: 14 }, (_, i) => `第 ${i + 1} 号楼`).join('\n');
    const out = join(dir, 'crowded-cover.pdf');
    await renderer.render({ ...base, authority: { ...base.authority, address } }, out);
    const [first, second] = pdfPagesText(out, 1, 2);
    expect(first).toContain('第 14 号楼');
    expect(first).not.toContain('承办人签名');
    expect(second).toContain('承办人签名');
    expect(second).toContain('执法机关印章');
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
      quarantined: async function* () {
        yield* good.quarantined();
        throw new Error('connection reset');
      },
    };
    const details = await expectDomainError(renderer.render(input, out), CaseFileErrorCode.RenderFailed);
    expect(details).toEqual({ outPath: out });
    await expect(renderer.render(input, out)).rejects.toThrow(/connection reset/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out)).filter((f) => f.includes('.partial'))).toEqual([]);
  }, 60_000);
});
