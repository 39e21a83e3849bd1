import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CaseFileFindingRow, CaseFileInput } from '../case-file.types';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { CaseFileRenderer } from './case-file-renderer';
import { pdfPageCount, pdfPagesText } from './poppler.testing';

// A forced collection before each reading makes heap numbers mean "retained", not "not yet collected".
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 100_000;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'case-file-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CaseFileRenderer with 100,000 findings', () => {
  it('streams the annex: pages grow with the rows, retained memory does not', async () => {
    const base = sampleCaseFileInput({ findings: ROWS, affectedPersons: 200 });
    const heapAt = new Map<number, number>();
    let peakRss = 0;
    const input: CaseFileInput = {
      ...base,
      findings: async function* (): AsyncGenerator<CaseFileFindingRow> {
        let n = 0;
        for await (const row of base.findings()) {
          n += 1;
          if (n % 10_000 === 0) {
            gc();
            heapAt.set(n, process.memoryUsage().heapUsed);
            peakRss = Math.max(peakRss, process.memoryUsage().rss);
          }
          yield row;
        }
      },
    };

    const started = process.hrtime.bigint();
    const result = await new CaseFileRenderer().render(input, join(dir, 'large.pdf'));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    expect(result.findingRows).toBe(ROWS);
    // A landscape annex page holds about 30 rows; fewer pages would mean rows were dropped or overprinted.
    expect(result.pages).toBeGreaterThan(ROWS / 35);
    expect(pdfPageCount(result.path)).toBe(result.pages);
    const tail = pdfPagesText(result.path, result.pages - 12).join('\n');
    expect(tail).toContain('附件一共 100,000 行');
    expect(tail).toContain(`第 ${result.pages} 页`);

    // Rows 10,000 to 100,000: if the renderer (or pdfkit's caches) kept rows, 90,000 of them would add
    // well over 40 MB here.
    const growth = heapAt.get(ROWS)! - heapAt.get(10_000)!;
    process.stdout.write(
      `case-files memory: ${ROWS} findings, ${result.pages} pages, ${(result.bytes / MB).toFixed(1)} MB, ` +
        `${seconds.toFixed(1)} s, heap growth 10k→100k ${(growth / MB).toFixed(1)} MB, peak RSS ${(peakRss / MB).toFixed(0)} MB\n`,
    );
    expect(growth).toBeLessThan(12 * MB);
    // Memory is what this test asserts, not speed: 85 s alone on two cores, and well past 180 s while a full run
    // loads both (it failed on its timeout there, never on its figures).
  }, 480_000);
});
