import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { bioaudit, bioauditInBackground } from './cli-runner';

/** `bioaudit serve`: the API in the CLI's process, on the embedded default and on PostgreSQL. */
describe.each(['embedded', 'postgres'] as const)('bioaudit serve (%s)', (kind) => {
  const home = createTempDir();
  afterAll(() => home.remove());

  it('migrates what it may, listens on HOST:PORT, prints the URL, answers, and stops cleanly on SIGTERM', async () => {
    const port = String(32000 + Math.floor(Math.random() * 2000));
    const env: Record<string, string> = { BIOAUDIT_HOME: home.dir, HOST: '127.0.0.1', PORT: port };
    let drop: (() => Promise<void>) | null = null;
    if (kind === 'postgres') {
      const pg = await createTestPostgresDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
      // A server is migrated explicitly; serve refuses one that is not (DB.NOT_MIGRATED, exit 78).
      const refused = await bioaudit(['serve'], env);
      expect(refused.code).toBe(78);
      expect(refused.stderr).toMatch(/^bioaudit: DB\.NOT_MIGRATED: /m);
      expect((await bioaudit(['migrate'], env)).code).toBe(0);
    }
    const { child, done } = bioauditInBackground(['serve'], env);
    try {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      for (let i = 0; i < 300 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(`http://127.0.0.1:${port}/api`);
      expect(out).toContain(`${kind} database`);
      expect(out).toContain(`portal at http://127.0.0.1:${port}/`);
      // The built portal (npm run build) at / and at any client-side route, its scripts from this origin only.
      let entry = '';
      for (const route of ['/', '/cases/abc']) {
        const page = await fetch(`http://127.0.0.1:${port}${route}`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
        const html = await page.text();
        expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
        entry = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)![1];
      }
      // The portal's hashed assets are cached for good and sent compressed; the API's answers are not compressed.
      const asset = await fetch(`http://127.0.0.1:${port}${entry}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe('gzip');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await asset.text()).length).toBeGreaterThan(1000);
      const api = await fetch(`http://127.0.0.1:${port}/api/health`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(api.headers.get('content-encoding')).toBeNull();
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ info: { database: { status: 'up', engine: kind } } });
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(
        '/api/inspections',
      );
      const anonymous = await fetch(`http://127.0.0.1:${port}/api/firms`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      child.kill('SIGTERM');
    }
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await drop?.();
  }, 120_000);
});
