import { describeConfig, loadConfig } from './app-config';

describe('BIOAUDIT_PSEUDONYM_KEY', () => {
  it('is read as given, never described, and refused unless 32 bytes of base64', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({ BIOAUDIT_HOME: '/tmp/x', BIOAUDIT_PSEUDONYM_KEY: key });
    expect(c.keys.pseudonymKey).toBe(key);
    expect(JSON.stringify(describeConfig(c))).not.toContain(key);
    expect(JSON.stringify(describeConfig(c))).toContain('"pseudonymKey":"***"');
    expect(loadConfig({ BIOAUDIT_HOME: '/tmp/x' }).keys.pseudonymKey).toBeUndefined();
    expect(() => loadConfig({ BIOAUDIT_PSEUDONYM_KEY: 'c2hvcnQ=' })).toThrow(/BIOAUDIT_PSEUDONYM_KEY/);
  });
});
