import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@app/config';
import { createApiApp, openApiDocument } from './api-app';

/** Where the committed OpenAPI document lives, relative to the repository root. */
export const OPENAPI_FILE = path.join('docs', 'openapi.json');

/**
 * The OpenAPI document of the API as its controllers and DTOs declare it, as committed text: the app is
 * created (on a throw-away embedded database, never listening) and asked for its document.
 */
export async function generateOpenApi(): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'bioaudit-openapi-'));
  try {
    const app = await createApiApp(loadConfig({ BIOAUDIT_HOME: home, LOG_LEVEL: 'error' }));
    try {
      return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** `node dist/apps/api/src/openapi.js [file]` (after a build) rewrites docs/openapi.json from the code. */
async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? OPENAPI_FILE);
  writeFileSync(file, await generateOpenApi());
  process.stdout.write(`wrote ${file}\n`);
}

if (require.main === module) void main();
