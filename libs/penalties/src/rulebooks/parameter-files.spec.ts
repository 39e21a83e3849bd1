import { ParameterSet, type ParameterFile } from '../core/parameters';
import { FineCalculator } from '../fine-calculator';
import { parsePenaltyFacts } from '../core/facts';
import ningbo from '../fixtures/cn/ningbo-poly-2021.facts.json';
import cnApl from './cn-apl/parameters.json';
import cnCrpl from './cn-crpl-56/parameters.json';
import cnNdsmr from './cn-ndsmr-55/parameters.json';
import cnPipl from './cn-pipl-66/parameters.json';
import eu from './eu-gdpr-83/parameters.json';
import euSe from './eu-gdpr-83-se-public/parameters.json';
import bipa from './us-il-bipa/parameters.json';
import cubi from './us-tx-cubi/parameters.json';

const files = [cnApl, cnCrpl, cnNdsmr, cnPipl, eu, euSe, bipa, cubi] as ParameterFile[];

describe('parameter files', () => {
  it.each(files.map((f) => [f.rulebook, f]))(
    '%s: every value is dated, cited, sourced and tagged',
    (_id, file) => {
      const f = file;
      expect(f.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(() => new ParameterSet(f)).not.toThrow();
      for (const def of Object.values(f.parameters)) {
        expect(def.description.length).toBeGreaterThan(0);
        for (const v of def.values) {
          expect(v.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(v.citation.length).toBeGreaterThan(0);
          expect(v.source.length).toBeGreaterThan(0);
          expect(['P', 'S', 'U', 'C']).toContain(v.confidence);
        }
      }
    },
  );

  it.each([cnApl, cnCrpl, cnNdsmr, cnPipl].map((f) => [f.rulebook, f as ParameterFile]))(
    '%s: every Chinese parameter has Chinese text and no calibration value poses as law',
    (_id, f) => {
      for (const def of Object.values(f.parameters)) {
        expect(def.descriptionZh?.length).toBeGreaterThan(0);
        for (const v of def.values) {
          expect(v.citationZh?.length).toBeGreaterThan(0);
          expect(`${v.citation} ${v.citationZh}`).not.toMatch(/issuer not identified/);
          if (v.confidence === 'C') expect(v.citation).toMatch(/bioaudit/);
        }
      }
    },
  );

  it('never uses an unconfirmed value silently: the benchmark of unconfirmed issuer is named in both languages', () => {
    const a = new FineCalculator().assess(parsePenaltyFacts(ningbo));
    expect(a.assumptions.join('\n')).toMatch(
      /Unconfirmed parameter used: lighterUpper = 0\.3 \(a local CRPL discretion benchmark whose issuer could not be confirmed .*applied by analogy \[U\]\)/,
    );
    expect(a.assumptionsText.map((t) => t.zh).join('\n')).toMatch(
      /地方《消费者权益保护法》行政处罚裁量基准（发布机关未能确认/,
    );
  });
});
