/**
 * Fetches dlib's "johns" example set (5 public figures × 11 aligned 150 px photos, Debian `libdlib19.1`)
 * into a folder at run time and writes a manifest for it. The photos are never committed: they show real
 * people and their photographers' rights are not settled by the package's public-domain statement.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DLIB_PACKAGE = 'libdlib19.1';
const JOHNS = 'usr/share/doc/libdlib19.1/examples/johns';

/** Downloads and unpacks the package (no install, no root) unless `dir` already holds it; returns the manifest path. */
export function fetchDlibJohns(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const root = join(dir, 'extracted');
  if (!existsSync(join(root, JOHNS))) {
    execFileSync('apt-get', ['download', DLIB_PACKAGE], { cwd: dir, stdio: 'pipe' });
    const deb = readdirSync(dir).find((f) => f.startsWith(`${DLIB_PACKAGE}_`) && f.endsWith('.deb'));
    if (deb === undefined) throw new Error(`apt-get download ${DLIB_PACKAGE} produced no .deb in ${dir}`);
    execFileSync('dpkg', ['-x', join(dir, deb), root], { stdio: 'pipe' });
  }
  const base = join(root, JOHNS);
  const rows = ['path,subjectId,masked,capturedAt'];
  for (const person of readdirSync(base).sort()) {
    for (const file of readdirSync(join(base, person)).sort()) {
      if (file.endsWith('.jpg')) rows.push(`${JOHNS}/${person}/${file},${person},false,`);
    }
  }
  const manifest = join(root, 'johns-manifest.csv');
  writeFileSync(manifest, `${rows.join('\n')}\n`);
  return manifest;
}
