import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { removeStaleTemps, tempPathFor } from './temp-output';

describe('temporary render output (issue 9, failure 10: a killed render left .partial files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'temp-output-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes beside the output, hidden, named by the process', () => {
    expect(tempPathFor(path.join(dir, 'BA-1.pdf'), 4242)).toBe(path.join(dir, '.BA-1.pdf.4242.partial'));
  });

  it('removes what dead renders left, keeps a live render’s file and every finished document', async () => {
    for (const n of [
      'BA-1.pdf',
      '.BA-2.pdf.111.partial',
      '.BA-3.pdf.222.partial',
      'BA-4.pdf.partial',
      'notes.txt',
    ]) {
      writeFileSync(path.join(dir, n), 'x');
    }
    const mine = tempPathFor(path.join(dir, 'BA-5.pdf'));
    writeFileSync(mine, 'x');
    const removed = await removeStaleTemps(dir, (pid) => pid === 222);
    expect(removed.sort()).toEqual(['.BA-2.pdf.111.partial', 'BA-4.pdf.partial']);
    expect(readdirSync(dir).sort()).toEqual(
      ['.BA-3.pdf.222.partial', path.basename(mine), 'BA-1.pdf', 'notes.txt'].sort(),
    );
    expect(existsSync(mine)).toBe(true);
  });

  it('does nothing for a folder that does not exist yet', async () => {
    expect(await removeStaleTemps(path.join(dir, 'missing'))).toEqual([]);
  });

  it('a render clears what an earlier, killed render left, and writes only the finished document', async () => {
    // What renders killed with SIGKILL left: the old naming, and a temp file of a process that is gone.
    writeFileSync(path.join(dir, 'BA-OLD.pdf.partial'), '%PDF-1.3 half');
    writeFileSync(path.join(dir, '.BA-OLD.pdf.999999999.partial'), '%PDF-1.3 half');
    await new CaseFileRenderer().render(
      sampleCaseFileInput({ findings: 5, affectedPersons: 3 }),
      path.join(dir, 'BA-NEW.pdf'),
    );
    expect(readdirSync(dir)).toEqual(['BA-NEW.pdf']);
  }, 60_000);
});
