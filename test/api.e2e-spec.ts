import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createTempDir } from '@app/testing';

const ROOT = path.join(__dirname, '..');
const API = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

/** The built API boots on the embedded default and answers /health with the database it runs on. */
describe('API (built)', () => {
  const home = createTempDir();
  afterAll(() => home.remove());

  it('reports healthy with its database engine, and serves its OpenAPI document', async () => {
    const port = String(31000 + Math.floor(Math.random() * 2000));
    const child = spawn(process.execPath, [API], {
      env: { PATH: process.env.PATH ?? '', BIOAUDIT_HOME: home.dir, PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let health: Response | null = null;
      for (let i = 0; i < 100 && !health; i++) {
        await new Promise((r) => setTimeout(r, 200));
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      }
      expect(health?.status).toBe(200);
      expect(await health!.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up', engine: 'embedded' } },
      });
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/health');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
