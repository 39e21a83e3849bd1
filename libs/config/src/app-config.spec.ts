import * as path from 'node:path';
import { loadConfig, describeConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./.bioaudit', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'embedded', dataDir: path.resolve('.bioaudit', 'db') });
    expect(c.redis).toBeNull();
  });

  it('switches to PostgreSQL and Redis by URL and redacts their passwords', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:secret@localhost/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BIOAUDIT_HOME: '/tmp/x',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:secret@localhost/db' });
    expect(c.home).toBe('/tmp/x');
    expect(JSON.stringify(describeConfig(c))).not.toContain('secret');
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', REDIS_URL: 'http://y', PORT: '99999' })).toThrow(
      /DATABASE_URL.*REDIS_URL.*PORT|DATABASE_URL.*PORT.*REDIS_URL/,
    );
  });
});
