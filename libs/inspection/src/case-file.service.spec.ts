import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseFileRenderer, sampleCaseFileInput } from '@app/case-files';
import { FineCalculator, assessmentToJson, parsePenaltyFacts } from '@app/penalties';
import { caseFileDecisionOf } from './case-file.service';

const FIXTURES = join(__dirname, '..', '..', 'penalties', 'src', 'fixtures', 'cn');
const dir = mkdtempSync(join(tmpdir(), 'case-file-decision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const calculator = new FineCalculator();
const renderer = new CaseFileRenderer();
const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * The real rulebooks' output, as stored, through the case file: every Chinese fixture of the penalties lib
 * renders a document whose body is Chinese, names none of the trace's ids, and — when the outcome is no
 * penalty — shows no amount at all.
 */
describe.each(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.facts.json'))
    .sort(),
)('case file decision from %s', (file) => {
  const json = assessmentToJson(
    calculator.assess(parsePenaltyFacts(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')))),
  );
  const decision = caseFileDecisionOf(json);
  let text = '';

  beforeAll(async () => {
    const out = join(dir, file.replace('.facts.json', '.pdf'));
    await renderer.render({ ...sampleCaseFileInput({ findings: 5 }), decision }, out);
    text = compact(execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }));
  }, 60_000);

  it('keeps the outcome and gives every step, assumption and precedent a Chinese text', () => {
    expect(decision.outcome).toBe(json.outcome);
    for (const s of decision.penalty?.steps ?? []) expect(s.description.zh).not.toBe(s.description.en);
    for (const a of decision.penalty?.assumptions ?? []) expect(a.zh).toMatch(/\p{Script=Han}/u);
    for (const c of decision.penalty?.precedents ?? []) expect(c.publication).not.toMatch(/https?:/);
  });

  it('prints no step, tier or rulebook id in the body', () => {
    for (const s of json.steps) expect(text).not.toContain(s.id);
    expect(text).not.toContain(json.rulebook);
    expect(text).not.toContain(`裁量档次${json.tier}`);
  });

  it('prints no amount when no penalty is imposed, and the reason instead', () => {
    if (json.outcome === 'fine') {
      expect(text).toContain('罚款及计算过程');
      return;
    }
    expect(text).toContain('不予行政处罚决定书');
    expect(text).toContain(compact(decision.reason!.zh));
    expect(text).not.toContain('CNY');
    expect(text).not.toContain('罚款金额');
  });
});

it('covers the three outcomes across the fixtures', () => {
  const outcomes = new Set(
    readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.facts.json'))
      .map(
        (f) =>
          calculator.assess(parsePenaltyFacts(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')))).outcome,
      ),
  );
  expect([...outcomes].sort()).toEqual(['fine', 'no-penalty', 'time-barred']);
});
