import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@app/common';
import { PROCEDURE_DOCUMENT_KINDS, type ProcedureDocumentKind } from '@app/procedure';
import { CaseFileErrorCode } from '../case-files.errors';
import { pdfFonts, pdfPagesText } from '../pdf/poppler.testing';
import { renderProcedureDocument } from './procedure-document-renderer';
import { PROCEDURE_DOCUMENT_TITLES } from './procedure-document-text';
import type { ProcedureDocumentInput } from './procedure-document.types';
import { sampleProcedureDocumentInput as sample } from './sample-procedure-document-input';

const dir = mkdtempSync(join(tmpdir(), 'procedure-document-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Line breaks fall anywhere in wrapped text, so compare with all white space removed.
const compact = (s: string) => s.replace(/\s+/g, '');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let n = 0;
/**
 * Renders and reads the PDF back with pdftotext: the pages' text, white space removed. Raw (content-stream)
 * order keeps the lines of one table cell, and the watermark, together.
 */
async function pages(input: ProcedureDocumentInput): Promise<string[]> {
  const path = join(dir, `${input.kind}-${(n += 1)}.pdf`);
  writeFileSync(path, await renderProcedureDocument(input));
  return pdfPagesText(path, undefined, undefined, true).map(compact);
}

async function issuesOf(input: ProcedureDocumentInput): Promise<string[]> {
  try {
    await renderProcedureDocument(input);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(CaseFileErrorCode.InvalidInput);
    return error.details.issues as string[];
  }
  throw new Error('expected CASE_FILE.INVALID_INPUT');
}

describe('renderProcedureDocument: every kind, in Chinese', () => {
  const texts = new Map<ProcedureDocumentKind, string[]>();
  beforeAll(async () => {
    for (const kind of PROCEDURE_DOCUMENT_KINDS) texts.set(kind, await pages(sample(kind)));
  }, 60_000);
  const all = (kind: ProcedureDocumentKind) => texts.get(kind)!.join('\n');

  it.each(PROCEDURE_DOCUMENT_KINDS)(
    '%s: title, authority, numbers, the firm and its credit code, page numbers, no English, no draft mark',
    (kind) => {
      const input = sample(kind);
      const text = all(kind);
      const first = texts.get(kind)![0];
      expect(first.indexOf(PROCEDURE_DOCUMENT_TITLES[kind].zh)).toBeGreaterThanOrEqual(0);
      for (const s of [
        input.authority.nameZh,
        input.documentNumber,
        input.caseNumber,
        input.firm.name,
        input.firm.creditCode,
      ]) {
        expect(first).toContain(compact(s));
      }
      if (input.docketNumber) expect(text).toContain(compact(input.docketNumber));
      const count = texts.get(kind)!.length;
      texts.get(kind)!.forEach((page, i) => {
        expect(page).toContain(`第${i + 1}页`);
        expect(page).toContain(`共${count}页`);
      });
      expect(text).not.toMatch(/DRAFT|草稿|Page\d/);
      expect(text).not.toContain(PROCEDURE_DOCUMENT_TITLES[kind].en.replace(/\s+/g, ''));
    },
  );

  it('the penalty notice: facts, evidence, basis, the proposed fine, the last days to defend and to ask for a hearing', () => {
    const text = all('penalty-notice');
    for (const s of [
      '经查，当事人采集人脸信息48,213次，涉及9,877人',
      '3f1c9a4be0d27c5a8e61b0f4d2a9c7e35b18d6f0a4c2e9b7d1f3a5c8e0b2d4f6',
      '《中华人民共和国个人信息保护法》第二十六条、第二十九条',
      '拟处罚款人民币250,000.00元',
      '人民币贰拾伍万元整',
      '法定罚款幅度：人民币1,000,000.00元以下',
      '《行政处罚法》第四十四条',
      '第四十五条',
      '陈述、申辩的最后一日：2026年12月10日',
      '第六十三条',
      '第六十四条第（一）项',
      '要求听证的最后一日：2026年12月7日',
      '当事人签收',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('the hearing notice: time, place, presiding officer, the rights at a hearing and the seven days', () => {
    const text = all('hearing-notice');
    for (const s of [
      '2026年12月18日09:30',
      '甬江市市场监督管理局三楼听证室',
      '李文涛',
      '申请回避',
      '委托一至二人代理',
      '申辩和质证',
      '视为放弃听证权利',
      '距举行听证之日10日',
      '第六十四条第（二）项',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('a hearing notice without a set time or presiding officer says who presides', async () => {
    const input = sample('hearing-notice');
    const text = (await pages({ ...input, hearing: { ...input.hearing!, time: null, hostName: null } })).join(
      '',
    );
    expect(text).toContain('听证时间2026年12月18日听证地点');
    expect(text).toContain('由本机关指定的非本案调查人员主持');
  });

  it('the decision: the contents of APL art. 59, payment in 15 days, 3 % a day late, the routes of appeal with days', () => {
    const text = all('decision');
    for (const s of [
      '浙江省甬江市海曙区望京路88号海湾中心12楼',
      '《行政处罚法》第五十七条、第五十九条',
      '罚款人民币250,000.00元',
      '人民币贰拾伍万元整',
      '自收到本决定书之日起15日内（《行政处罚法》第六十七条第三款）',
      '每日按罚款数额的3%加处罚款',
      '第七十二条第一款第（一）项',
      '通过浙江省统一公共支付平台或者到甬江银行各网点缴纳',
      '向甬江市人民政府申请行政复议',
      '期限（自收到本决定书之日起）',
      '向甬江市人民政府申请行政复议60日内《中华人民共和国行政复议法》第二十条',
      '向甬江市海曙区人民法院提起行政诉讼6个月内《中华人民共和国行政诉讼法》第四十六条',
      '第七十三条',
      '（印章）',
      '2026年12月28日',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('the no-penalty decision: the reason and the routes of appeal, and no amount anywhere', () => {
    const text = all('no-penalty-decision');
    expect(text).toContain('不予行政处罚决定书');
    expect(text).toContain('第三十三条第一款的规定，不予行政处罚');
    expect(text).toContain('本机关决定对当事人不予行政处罚');
    expect(text).toContain('向甬江市人民政府申请行政复议60日内');
    expect(text).not.toMatch(/250,000|罚款人民币|不停止执行/);
  });

  it('the service receipt: the document served, method, recipient, date and the boxes to sign', () => {
    const text = all('service-receipt');
    for (const s of [
      '行政处罚决定书文号甬市监罚决〔2026〕118号',
      '直接送达',
      '林晓峰（当事人委托代理人）',
      '2026年12月29日',
      '受送达人（收件人）签名或盖章',
      '送达人签名',
      '见证人签名（留置送达时）',
      '陈立群（执法证号33021200417）',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('the closing report lists every step; the forms carry the approver and the choice to tick', () => {
    const closing = all('closing-report');
    for (const step of sample('closing-report').timeline) expect(closing).toContain(compact(step.actionZh));
    expect(closing).toContain('□同意结案');
    expect(closing).toContain('填表日期：2027年1月20日');
    expect(all('filing-approval')).toContain('□同意立案');
    expect(all('filing-approval')).toContain('局长周建国');
    expect(all('filing-approval')).toContain('第五十四条第二款');
    expect(all('withdrawal')).toContain('违法主体认定错误');
    expect(all('withdrawal')).toContain('□同意撤销立案');
    expect(all('transfer')).toContain('甬江市公安局：');
    expect(all('transfer')).toContain('涉嫌犯罪');
  });
});

describe('renderProcedureDocument: languages, draft, determinism', () => {
  it('appends the English translation as a second part after the whole Chinese document', async () => {
    const input = sample('decision', { languages: ['zh', 'en'] });
    const text = (await pages(input)).join('\n');
    const zhSeal = text.indexOf('（印章）');
    const en = text.indexOf('Englishtranslation,forreferenceonly');
    expect(zhSeal).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(zhSeal);
    const english = text.slice(en);
    for (const s of [
      'AdministrativePenaltyDecision',
      'YongjiangMunicipalAdministrationforMarketRegulation',
      'CNY250,000.00',
      'Within15daysofreceivingthisdecision',
      '3%ofthefineperday',
      'APLart.72(1)(1)',
      '60days',
      '6months',
      'AdministrativeReconsiderationLawofthePRC,art.20',
      '28December2026',
      '91330212MA2H4K7Q38',
    ]) {
      expect(english).toContain(s);
    }
    expect(english).not.toContain('大写');
  });

  it('writes the English last days of a notice', async () => {
    const text = (await pages(sample('penalty-notice', { languages: ['zh', 'en'] }))).join('\n');
    expect(text).toContain('Lastdaytostateanddefend:10December2026');
    expect(text).toContain('Lastdaytorequestahearing:7December2026');
  });

  it('marks every page DRAFT while the authority is a placeholder, and says it may not be issued', async () => {
    const input = sample('penalty-notice', {
      authority: { ...sample('penalty-notice').authority, placeholder: true },
    });
    const ps = await pages(input);
    expect(ps.length).toBeGreaterThan(1);
    for (const page of ps) expect(page).toContain('草稿DRAFT');
    expect(ps[0]).toContain('本文书不得签发、送达');
  });

  it('leaves out the hearing when the penalty does not qualify for one', async () => {
    const input = sample('penalty-notice');
    const text = (await pages({ ...input, rights: { ...input.rights, hearingDue: null } })).join('\n');
    expect(text).toContain('陈述、申辩的最后一日');
    expect(text).not.toContain('听证');
  });

  it('gives byte-identical PDFs for the same input, dated by the issue date, and different ones for another', async () => {
    for (const kind of PROCEDURE_DOCUMENT_KINDS) {
      const input = sample(kind, { languages: ['zh', 'en'] });
      const a = await renderProcedureDocument(input);
      const b = await renderProcedureDocument(structuredClone(input));
      expect(sha(b)).toBe(sha(a));
    }
    const notice = await renderProcedureDocument(sample('penalty-notice'));
    // Midnight of 2026-11-30 in Beijing.
    expect(notice.toString('latin1').match(/\(D:\d{14}Z\)/g)).toEqual([
      '(D:20261129160000Z)',
      '(D:20261129160000Z)',
    ]);
    const renumbered = await renderProcedureDocument(
      sample('penalty-notice', { documentNumber: '甬市监罚告〔2026〕113号' }),
    );
    expect(sha(renumbered)).not.toBe(sha(notice));
  }, 60_000);

  it('embeds only the Noto Sans SC subsets', async () => {
    const path = join(dir, 'fonts.pdf');
    writeFileSync(path, await renderProcedureDocument(sample('decision', { languages: ['zh', 'en'] })));
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true });
    expect(fonts.every((f) => f.name.includes('NotoSansSC'))).toBe(true);
  });

  it('masks personal identifiers in free text, and keeps short words that only look like names', async () => {
    const input = sample('penalty-notice');
    const text = (
      await pages({
        ...input,
        facts: { ...input.facts!, summaryZh: `${input.facts!.summaryZh}举报人电话13812345678。` },
        penalty: { ...input.penalty!, reasonZh: '情节轻微' },
      })
    ).join('\n');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('裁量理由：情节轻微');
  });
});

interface Box {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every word of every page with its box (pdftotext -bbox), and the page size. */
function wordBoxes(path: string): { width: number; height: number; words: Box[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((page) => {
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
      const words = [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ text: m[5], x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4] }));
      return { width: +width, height: +height, words };
    });
}

describe('renderProcedureDocument: layout', () => {
  // The page writer's portrait margins (pdf-page-writer.ts): text stays inside them, the footer below.
  const MARGIN = { left: 56, right: 56, bottom: 72 };

  it.each(PROCEDURE_DOCUMENT_KINDS)(
    '%s: no two words overlap and nothing runs past the margins, in both parts',
    async (kind) => {
      const path = join(dir, `${kind}-layout.pdf`);
      writeFileSync(path, await renderProcedureDocument(sample(kind, { languages: ['zh', 'en'] })));
      const problems: string[] = [];
      wordBoxes(path).forEach((page, p) => {
        // A word's box spans the line's ascent and descent: compare the middle of it, where the glyphs are.
        const core = page.words.map((b) => {
          const pad = (b.y1 - b.y0) * 0.2;
          return { ...b, y0: b.y0 + pad, y1: b.y1 - pad };
        });
        for (const b of core) {
          const footer = b.y0 > page.height - MARGIN.bottom + 10;
          if (b.x0 < MARGIN.left - 0.5 || b.x1 > page.width - MARGIN.right + 0.5) {
            problems.push(`page ${p + 1}: "${b.text}" outside the side margins`);
          }
          if (!footer && b.y1 > page.height - MARGIN.bottom + 2)
            problems.push(`page ${p + 1}: "${b.text}" below the text area`);
        }
        core.forEach((a, i) =>
          core.slice(i + 1).forEach((b) => {
            const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
            const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
            if (dx > 0.5 && dy > 0.5) problems.push(`page ${p + 1}: "${a.text}" overlaps "${b.text}"`);
          }),
        );
      });
      expect(problems).toEqual([]);
    },
  );

  it('keeps the seal with the last paragraphs of a letter however long the text before it', async () => {
    const input = sample('penalty-notice');
    for (let lines = 0; lines <= 40; lines += 4) {
      const facts = {
        ...input.facts!,
        summaryZh: `${input.facts!.summaryZh}${'当事人在售楼处持续采集人脸信息。'.repeat(lines * 3)}`,
      };
      const ps = await pages({ ...input, facts });
      const sealPage = ps.find((p) => p.includes('（印章）'))!;
      expect(sealPage).toContain(
        '联系人：陈立群、王海燕；电话0574-87180000；地址浙江省甬江市鄞州区宁穿路1901号',
      );
      expect(sealPage).toContain('当事人签收');
      expect(ps.filter((p) => p.includes('（印章）'))).toHaveLength(1);
    }
  }, 60_000);

  it('runs a value too long for a form page on as text, whole', async () => {
    const input = sample('filing-approval');
    const long = Array.from(
      { length: 60 },
      (_, i) => `第${i + 1}号售楼处于检查期间持续采集来访者人脸信息。`,
    ).join('');
    const text = (await pages({ ...input, facts: { ...input.facts!, summaryZh: long } })).join('');
    expect(text).toContain(compact(long));
    expect(text).toContain('□同意立案');
  });
});

describe('renderProcedureDocument: refuses what cannot be signed', () => {
  it.each<[string, ProcedureDocumentInput, string]>([
    ['a penalty notice without a penalty', sample('penalty-notice', { penalty: null }), 'penalty:'],
    [
      'a penalty notice without the last day to defend',
      sample('penalty-notice', { rights: { statementDue: null, hearingDue: null, appeal: [] } }),
      'rights.statementDue:',
    ],
    ['a hearing notice without a hearing', sample('hearing-notice', { hearing: null }), 'hearing:'],
    [
      'a hearing notice less than seven days ahead',
      sample('hearing-notice', {
        hearing: { date: '2026-12-14', time: '09:30', place: '听证室', hostName: null },
      }),
      'hearing.date: less than 7 days',
    ],
    [
      'a decision without routes of appeal',
      sample('decision', { rights: { statementDue: null, hearingDue: null, appeal: [] } }),
      'rights.appeal:',
    ],
    ['a decision without a penalty', sample('decision', { penalty: null }), 'penalty:'],
    [
      'a no-penalty decision with a penalty',
      sample('no-penalty-decision', { penalty: sample('decision').penalty }),
      'penalty: a decision not to impose',
    ],
    ['a service receipt without the service', sample('service-receipt', { service: null }), 'service:'],
    ['a withdrawal without a reason', sample('withdrawal', { reason: null }), 'reason:'],
    [
      'a bad credit code',
      sample('decision', { firm: { ...sample('decision').firm, creditCode: '91330212MA2H4K7Q39' } }),
      'firm.creditCode:',
    ],
    ['English alone', sample('decision', { languages: ['en'] }), 'languages:'],
    ['a date before the 2021 APL', sample('decision', { issuedOn: '2021-07-14' }), 'issuedOn:'],
    [
      'a fine above the statutory range',
      sample('decision', { penalty: { ...sample('decision').penalty!, amountMinor: 100_000_001 } }),
      'penalty.amountMinor: above',
    ],
  ])('%s', async (_name, input, issue) => {
    const issues = await issuesOf(input);
    expect(issues.some((i) => i.startsWith(issue))).toBe(true);
  });

  it('refuses a malformed input with issues rather than a crash', async () => {
    const broken = {
      ...sample('decision'),
      evidence: undefined,
      facts: { ...sample('decision').facts!, firstCapture: 5 },
    };
    const issues = await issuesOf(broken as unknown as ProcedureDocumentInput);
    expect(issues).toEqual(
      expect.arrayContaining([
        'evidence: not a list (empty when there is nothing)',
        'facts.firstCapture: not a YYYY-MM-DD date',
      ]),
    );
  });

  it('lists every problem at once', async () => {
    const issues = await issuesOf(sample('decision', { penalty: null, facts: null, documentNumber: ' ' }));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^penalty:/),
        expect.stringMatching(/^facts:/),
        expect.stringMatching(/^documentNumber:/),
      ]),
    );
  });
});
