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
const FINGERPRINT = 'c0ffee'.repeat(10) + '0123';
// A v2 anchor as printed (the signature is base64url: '-' and '_' included).
const SIGNED = `bioaudit-custody-v2:42:${'ab12'.repeat(16)}:${FINGERPRINT.slice(0, 16)}:${'Q_x-'.repeat(21)}zA`;

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

  it('prints a signed anchor whole, with the fingerprint of the key that checks it, identically on re-render', async () => {
    const renderer = new CaseFileRenderer();
    const base = sampleCaseFileInput({ findings: 5, affectedPersons: 3 });
    const input = { ...base, chainAnchor: SIGNED, chainAnchorKey: FINGERPRINT };
    const a = await renderer.render(input, join(dir, 'signed-a.pdf'));
    const b = await renderer.render(input, join(dir, 'signed-b.pdf'));
    expect(b.sha256).toBe(a.sha256);
    const pages = pdfPagesText(join(dir, 'signed-a.pdf')).map(compact);
    const last = pages[pages.length - 1];
    expect(last).toContain(compact('保管链签名锚点：'));
    expect(last).toContain(compact(SIGNED));
    expect(last).toContain(FINGERPRINT);
    expect(last).toContain(compact('--public-key-file'));
  }, 60_000);
});
