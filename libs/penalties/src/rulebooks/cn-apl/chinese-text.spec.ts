import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts } from '../../core/facts';
import type { TraceNode } from '../../core/trace';

/**
 * Every node of the Chinese rulebooks' traces is readable by a Chinese officer: Chinese description and
 * citation, and neither language leaning on internal identifiers (`cn-crpl-56:heavier`, `apl29.candidate`,
 * `circumstances.firstViolation`, camelCase field names).
 */
const INTERNAL_ID = [
  /\b[a-z]+(?:-[a-z0-9]+)+(?::[a-z-]+)?\b/, // kebab ids: cn-crpl-56, no-penalty, time-barred
  /\b[a-z]+\.[a-z][A-Za-z]+/, // dotted paths: circumstances.firstViolation, apl29.candidate
  /\b[a-z]+[A-Z][A-Za-z]*\b/, // camelCase fields: minorsAffected
  /\[[a-z0-9.-]+\]/, // bracketed ids
];
const ALLOWED_EN = /e\.g\.|i\.e\./g;

function nodes(n: TraceNode): TraceNode[] {
  return [n, ...n.children.flatMap(nodes)];
}
const dir = join(__dirname, '../../fixtures/cn');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.facts.json'));
const calc = new FineCalculator();

describe('Chinese text of the CN rulebooks', () => {
  it.each(fixtures.flatMap((f) => ['cn', 'cn-crpl-56', 'cn-pipl-66', 'cn-ndsmr-55'].map((r) => [f, r])))(
    '%s under %s: every trace node has Chinese text and no internal identifier',
    (file, rulebook) => {
      const facts = parsePenaltyFacts(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      let a;
      try {
        a = calc.assess(facts, { rulebook });
      } catch {
        return; // that rulebook does not govern these facts
      }
      for (const n of nodes(a.trace)) {
        expect({ id: n.id, description: typeof n.zh?.description, citation: typeof n.zh?.citation }).toEqual({
          id: n.id,
          description: 'string',
          citation: 'string',
        });
        expect(n.zh?.description).toMatch(/[\u4e00-\u9fff]/);
        for (const text of [
          n.description,
          n.zh?.description ?? '',
          n.zh?.citation ?? '',
          n.zh?.value ?? '',
        ]) {
          for (const re of INTERNAL_ID) {
            expect({ id: n.id, text, hit: re.exec(text.replace(ALLOWED_EN, ''))?.[0] ?? null }).toEqual({
              id: n.id,
              text,
              hit: null,
            });
          }
        }
      }
      expect(a.assumptionsText).toHaveLength(a.assumptions.length);
      expect(a.measuresText).toHaveLength(a.measures.length);
      for (const t of [
        ...a.assumptionsText,
        ...a.measuresText,
        a.tierLabel,
        a.rulebookTitle,
        a.precedentPositionText,
      ]) {
        expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
        for (const re of INTERNAL_ID.slice(1))
          expect({ text: t.zh, hit: re.exec(t.zh)?.[0] ?? null }).toEqual({ text: t.zh, hit: null });
      }
      expect(JSON.stringify(a.steps)).not.toMatch(/issuer not identified|benchmark \(issuer/);
    },
  );
});
