import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@app/common';
import { EXIT, EXIT_CODES, exitCodeFor, isKnownErrorCode, reasonFor } from './exit-codes';

const ROOT = path.join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(p);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('exit codes', () => {
  it('maps every error code thrown as a literal anywhere in apps/ and libs/ (none falls through to 70 unseen)', () => {
    const thrown = new Map<string, string>();
    for (const file of [...sources(path.join(ROOT, 'apps')), ...sources(path.join(ROOT, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:DomainError|IngestionError)\(\s*'([A-Z_]+\.[A-Z_]+)'/g))
        thrown.set(m[1], path.relative(ROOT, file));
    }
    expect(thrown.size).toBeGreaterThan(3);
    const unmapped = [...thrown].filter(([code]) => !isKnownErrorCode(code));
    expect(unmapped).toEqual([]);
  });

  it('uses only the documented exit codes', () => {
    const documented = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const used = new Set(Object.values(EXIT_CODES));
    for (const code of used) expect(Object.values(EXIT)).toContain(code);
    for (const code of Object.values(EXIT)) expect(documented).toMatch(new RegExp(`\\b${code}\\b`));
  });

  it('sorts errors by what the user can do about them', () => {
    expect(exitCodeFor(new DomainError('CLI.BAD_DATE', 'x'))).toBe(64);
    expect(exitCodeFor(new DomainError('CLI.USAGE', 'x'))).toBe(64);
    expect(exitCodeFor(new DomainError('PENALTY.INVALID_FACTS', 'x'))).toBe(65);
    expect(exitCodeFor(new DomainError('INGEST.FOLDER_NOT_FOUND', 'x'))).toBe(66);
    expect(exitCodeFor(new DomainError('AUDIT.FIRM_NOT_FOUND', 'x'))).toBe(66);
    expect(exitCodeFor(new DomainError('INGEST.EVIDENCE_ALTERED', 'x'))).toBe(4);
    expect(exitCodeFor(new DomainError('DB.EMBEDDED_LOCKED', 'x'))).toBe(75);
    expect(exitCodeFor(new DomainError('DB.UNREACHABLE', 'x'))).toBe(78);
    expect(exitCodeFor(new DomainError('DB.NOT_MIGRATED', 'x'))).toBe(78);
    expect(exitCodeFor(new DomainError('CONFIG.INVALID', 'x'))).toBe(78);
  });

  it('treats an uncatalogued code or a plain error as a bug (70), still on one line', () => {
    expect(exitCodeFor(new DomainError('NOBODY.KNOWS', 'x'))).toBe(70);
    expect(exitCodeFor(new TypeError('boom'))).toBe(70);
    const line = reasonFor(new Error('first\n    at Object.<anonymous> (x.js:1:1)\nsecond'));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^bioaudit: INTERNAL: first/);
    expect(reasonFor(new DomainError('CLI.BAD_DATE', 'a\nb'))).toBe('bioaudit: CLI.BAD_DATE: a b');
  });
});
