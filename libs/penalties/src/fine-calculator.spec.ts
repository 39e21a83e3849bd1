import { isDomainError } from '@app/common';
import { FineCalculator } from './fine-calculator';
import { overrideAssessment } from './core/calculator';
import { parsePenaltyFacts } from './core/facts';
import { assessmentToJson, formatAssessmentText, formatRulebooksText } from './core/format';
import ningbo from './fixtures/cn/ningbo-poly-2021.facts.json';

const calc = new FineCalculator();
const facts = parsePenaltyFacts(ningbo);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('FineCalculator', () => {
  it('lists rulebooks with versions and one default per jurisdiction', () => {
    const books = calc.rulebooks();
    expect(books.map((b) => b.id)).toContain('cn-crpl-56');
    for (const j of new Set(books.map((b) => b.jurisdiction))) {
      expect(books.filter((b) => b.jurisdiction === j && b.isDefault)).toHaveLength(1);
    }
    expect(books.every((b) => /^\d+\.\d+\.\d+/.test(b.version))).toBe(true);
  });

  it('records inputs, rulebook id and version in the assessment', () => {
    const a = calc.assess(facts, { rulebook: 'cn-crpl-56' });
    expect(a.inputs).toBe(facts);
    expect(a.rulebook).toBe('cn-crpl-56');
    expect(a.version).toMatch(/^2\.0\.0\+cn-apl\.2\.4\.0$/);
    expect(a.trace.id).toBe('proposal');
  });

  it('refuses unknown rulebooks and rulebooks of another jurisdiction', () => {
    expect(codeOf(() => calc.assess(facts, { rulebook: 'xx' }))).toBe('PENALTY.UNKNOWN_RULEBOOK');
    expect(codeOf(() => calc.assess({ ...facts, jurisdiction: 'US-TX' }, { rulebook: 'cn-crpl-56' }))).toBe(
      'PENALTY.RULEBOOK_NOT_APPLICABLE',
    );
  });

  it('lists the closest precedents, the same-facts decision first, with the proposal relative to each', () => {
    const a = calc.assess(facts, { rulebook: 'cn-crpl-56' });
    expect(a.precedents[0]).toMatchObject({ id: 'C1-ningbo-poly-2021', distance: 0, amount: '250000' });
    expect(a.precedents[0].proposalVersusPrecedent).toMatch(/^[+-]\d+\.\d%$/);
    expect(a.precedents.every((p) => !/https?:/.test(p.source + p.publication))).toBe(true);
    expect(a.precedents[0].publication).toBe('中国消费者报, 2021-04-22; 中房网, 2021-04-23');
    expect(a.precedentPosition).toMatch(
      /of 4 comparable precedents \(from 160000 to 250000\); 1 other decision shown apart/,
    );
    const didi = a.precedents.find((p) => p.id === 'C10-didi-cac-2022');
    expect(didi).toMatchObject({ comparable: false });
    expect(didi?.apartReason?.zh).toMatch(/^法律依据不同/);
    expect(a.precedents.filter((p) => p.comparable)).toHaveLength(4);
  });
});

describe('overrideAssessment', () => {
  const a = calc.assess(facts, { rulebook: 'cn-crpl-56' });

  it('keeps the original proposal beside the officer\u2019s amount and reason', () => {
    const o = overrideAssessment(a, '250000', 'align with the Ningbo special action', 'officer 8-17');
    expect(o).toMatchObject({
      amount: '250000',
      reason: 'align with the Ningbo special action',
      officer: 'officer 8-17',
    });
    expect(o.proposal).toBe(a);
    expect(o.proposal.amount).toBe(a.amount);
  });

  it('refuses amounts outside the legal range, malformed amounts and missing reasons', () => {
    expect(codeOf(() => overrideAssessment(a, '500001', 'r', 'o'))).toBe('PENALTY.OVERRIDE_OUT_OF_RANGE');
    expect(codeOf(() => overrideAssessment(a, '-1', 'r', 'o'))).toBe('PENALTY.OVERRIDE_INVALID');
    expect(codeOf(() => overrideAssessment(a, '1000', ' ', 'o'))).toBe('PENALTY.OVERRIDE_INVALID');
    expect(overrideAssessment(a, '500000', 'r', 'o').amount).toBe('500000');
  });
});

describe('output formats', () => {
  const a = calc.assess(facts, { rulebook: 'cn-crpl-56' });

  it('prints the issue-4 JSON shape', () => {
    const json = assessmentToJson(a);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'rulebook',
        'version',
        'currency',
        'amount',
        'min',
        'max',
        'tier',
        'steps',
        'assumptions',
        'precedents',
      ]),
    );
    expect(Object.keys(json.steps[0]).sort()).toEqual(['citation', 'description', 'id', 'value', 'zh']);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'outcome',
        'tierLabel',
        'rulebookTitle',
        'assumptionsText',
        'measuresText',
        'limitation',
        'lawApplied',
        'precedentPositionText',
      ]),
    );
    expect(json.assumptionsText).toHaveLength(json.assumptions.length);
    expect(json.measuresText).toHaveLength(json.measures.length);
    expect(
      json.steps.every((st) =>
        [st.id, st.description, st.citation, st.value].every((v) => typeof v === 'string'),
      ),
    ).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('renders a terminal text with amount, range, trace, assumptions and precedents', () => {
    const text = formatAssessmentText(a);
    expect(text).toContain(
      `Proposed fine: CNY ${Number(a.amount).toLocaleString('en-US')}.00  (tier: ordinary; 一般)`,
    );
    expect(text).toContain('Legal range:   CNY 0.00 – 500,000.00');
    expect(text).toContain('crpl.range = 0–500000');
    expect(text).toContain('Limitation:    within (deadline 2022-12-01');
    expect(text).toContain('C1-ningbo-poly-2021');
  });
});

describe('formatRulebooksText', () => {
  it('lists every rulebook with its version and marks the defaults', () => {
    const text = formatRulebooksText(calc.rulebooks());
    for (const b of calc.rulebooks()) expect(text).toContain(b.version);
    expect(text).toMatch(/^cn \*\s+CN/m);
    expect(text).toMatch(/^cn-crpl-56\s+CN/m);
  });
});
