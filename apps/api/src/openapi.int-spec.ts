import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateOpenApi, OPENAPI_FILE } from './openapi';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Scripts and the portal integrate against docs/openapi.json: it must say what the code serves. */
describe('docs/openapi.json', () => {
  it('is the document the API generates from its controllers and DTOs', async () => {
    const generated = await generateOpenApi();
    const committed = readFileSync(path.join(ROOT, OPENAPI_FILE), 'utf8');
    if (generated !== committed) {
      throw new Error(
        'docs/openapi.json differs from what the API serves. Regenerate it: build (npm run build, or ' +
          '`npx tsc -p tsconfig.build.json --outDir <dir> && npx tsc-alias -p tsconfig.build.json --outDir <dir>`) ' +
          'and run `node <dist>/apps/api/src/openapi.js docs/openapi.json`; review the diff and commit it.',
      );
    }
    const doc = JSON.parse(generated) as { paths: Record<string, Record<string, unknown>> };
    // The contract scripts depend on (issue 10).
    expect(doc.paths['/api/inspections']).toHaveProperty('post');
    expect(doc.paths['/api/inspections/{id}']).toHaveProperty('get');
    expect(doc.paths['/api/findings']).toHaveProperty('get');
    expect(doc.paths['/health']).toHaveProperty('get');
  }, 60_000);
});
