import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

/**
 * The portal's API types are generated from the server's OpenAPI document (docs/openapi.json, itself checked against
 * the controllers by apps/api/src/openapi.int-spec.ts), so the portal cannot drift from the API: when this fails,
 * run `npm run build && npm run portal:api` and let the portal's type check show what the change breaks.
 */
describe('the portal API client', () => {
  it('is generated from the current OpenAPI document', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schema-'));
    try {
      const out = path.join(dir, 'schema.d.ts');
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
          'docs/openapi.json',
          '-o',
          out,
        ],
        { cwd: ROOT, stdio: 'pipe' },
      );
      expect(readFileSync(path.join(ROOT, 'apps/portal/src/api/schema.d.ts'), 'utf8')).toBe(
        readFileSync(out, 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
