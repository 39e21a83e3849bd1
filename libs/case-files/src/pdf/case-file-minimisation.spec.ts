import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseFileInput } from '../case-file.types';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { ATTACHMENT_NAME } from './case-file-text';
import { pdfAttachment, pdfPagesText } from './poppler.testing';

/** References a firm might have used for persons: every one a personal identifier. */
const GIVEN = ['330203199001011234', '13812345678', 'zhang.san@example.com', '钱多多'];
const MASKED = ['3302**********1234', '138****5678', 'z***@example.com', '钱**'];

/**
 * Issue 9, failure 9 (documents): the annexes used to print subject references as given — ID-card numbers,
 * phones, e-mail addresses, names. The PDF and its machine-readable attachment show them masked.
 */
describe('case file minimises personal identifiers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'case-file-minimise-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let text = '';
  let attachment = '';

  beforeAll(async () => {
    const base = sampleCaseFileInput({ findings: 8, affectedPersons: 4, quarantined: 2 });
    const input: CaseFileInput = {
      ...base,
      findings: async function* () {
        let i = 0;
        for await (const r of base.findings()) {
          yield {
            ...r,
            subjectRef: GIVEN[i % GIVEN.length],
            consentRefs: i === 0 ? ['consent-13912345678'] : r.consentRefs,
          };
          i += 1;
        }
      },
      affectedPersons: async function* () {
        let i = 0;
        for await (const r of base.affectedPersons()) yield { ...r, subjectRef: GIVEN[i++ % GIVEN.length] };
      },
      machineReadable: { note: 'sample', contact: 'li.si@example.org', subjects: GIVEN },
    };
    const out = join(dir, 'minimised.pdf');
    await new CaseFileRenderer().render(input, out);
    text = pdfPagesText(out, undefined, undefined, true).join('\n');
    attachment = pdfAttachment(out, ATTACHMENT_NAME);
  }, 60_000);

  it('prints every reference masked in the annexes, none as given', () => {
    for (const m of MASKED) expect(text).toContain(m);
    for (const g of GIVEN) expect(text).not.toContain(g);
    expect(text).not.toContain('13912345678');
  });

  it('carries the same masked form in the machine-readable attachment', () => {
    for (const g of [...GIVEN, 'li.si@example.org']) expect(attachment).not.toContain(g);
    const json = JSON.parse(attachment) as { extra: { contact: string; subjects: string[] } };
    expect(json.extra).toMatchObject({ contact: 'l***@example.org', subjects: MASKED });
  });
});
