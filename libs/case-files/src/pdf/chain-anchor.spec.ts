import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { pdfPagesText } from './poppler.testing';

const dir = mkdtempSync(join(tmpdir(), 'case-file-anchor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Line breaks fall anywhere (pdftotext drops a hyphen at a break): compare without white space or hyphens.
const compact = (s: string) => s.replace(/[\s-]+/g, '');
const ANCHOR = `bioaudit-custody-v1:42:${'ab12'.repeat(16)}`;

describe('CaseFileRenderer: the custody-chain anchor', () => {
  it('prints the anchor in the integrity section, and nothing when there is none', async () => {
    const renderer = new CaseFileRenderer();
    const base = sampleCaseFileInput({ findings: 5, affectedPersons: 3 });
    const withAnchor = join(dir, 'anchor.pdf');
    const without = join(dir, 'plain.pdf');
    await renderer.render({ ...base, chainAnchor: ANCHOR }, withAnchor);
    await renderer.render(base, without);
    const pages = pdfPagesText(withAnchor).map(compact);
    const last = pages[pages.length - 1];
    expect(last).toContain(compact('保管链锚点：'));
    expect(last).toContain(compact(ANCHOR));
    expect(compact(pdfPagesText(without).join(''))).not.toContain('保管链锚点');
  }, 60_000);
});
