import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * poppler-utils (pdftotext, pdffonts, pdfinfo) is a declared test dependency of case-files: the tests read
 * the PDFs back with an independent reader rather than trusting what pdfkit says it wrote.
 */
function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} not found: poppler-utils is required by the case-files tests (apt-get install poppler-utils)`,
      );
    }
    throw error;
  }
}

/**
 * The text of every page, in order (pdftotext separates pages with form feeds). `raw` keeps content-stream
 * order, in which the lines of one wrapped table cell stay together.
 */
export function pdfPagesText(path: string, first?: number, last?: number, raw = false): string[] {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  const pages = run('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), ...range, path, '-']).split(
    '\f',
  );
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** `pdffonts` rows: name, whether embedded, whether subset. */
export function pdfFonts(path: string): { name: string; embedded: boolean; subset: boolean }[] {
  return run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type... encoding emb sub uni objectId gen: the flags are the 5th/4th columns from the end.
      return {
        name: cols[0],
        embedded: cols[cols.length - 5] === 'yes',
        subset: cols[cols.length - 4] === 'yes',
      };
    });
}

/** The page count according to pdfinfo. */
export function pdfPageCount(path: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]));
  if (!m) throw new Error(`pdfinfo gave no page count for ${path}`);
  return Number(m[1]);
}

/** The text of the embedded file named `name` (pdfdetach), or throws when there is none. */
export function pdfAttachment(path: string, name: string): string {
  const list = run('pdfdetach', ['-list', path]);
  const m = new RegExp(`^(\\d+): ${name.replace(/[.]/g, '\\.')}$`, 'm').exec(list);
  if (!m) throw new Error(`${path} has no attachment ${name}:\n${list}`);
  const out = `${path}.${m[1]}.attachment`;
  run('pdfdetach', ['-save', m[1], '-o', out, path]);
  return readFileSync(out, 'utf8');
}

/** Every word of a page with its box (pdftotext -bbox), to compare the sizes text was drawn at. */
export function pdfWords(path: string, page: number): { text: string; height: number; y: number }[] {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-']);
  return [
    ...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[3], y: Number(m[1]), height: Number(m[2]) - Number(m[1]) }));
}
