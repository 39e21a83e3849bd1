import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Encodings named the way the ingest batch records them. */
export const UTF8 = 'utf-8';
export const GB18030 = 'gb18030';

/** Chinese encodings chardet may name for a GBK-family sample; GB18030 decodes all of them. */
const GB_FAMILY = new Set(['GB18030', 'GBK', 'GB2312']);

/**
 * Chooses the encoding of a file from a leading sample of its bytes: a byte-order mark decides; then
 * valid UTF-8 is UTF-8; otherwise chardet's best guess, preferring GB18030 (a superset of GBK and GB2312)
 * whenever chardet lists the GB family at all, since the firms inspected are Chinese. `complete` says the
 * sample is the whole file (so a multi-byte character cut at its end is an error, not a cut).
 */
export function chooseEncoding(sample: Uint8Array, complete: boolean): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return UTF8;
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isUtf8(sample, complete)) return UTF8;
  const candidates = chardet.analyse(sample);
  if (candidates.some((c) => GB_FAMILY.has(c.name.toUpperCase()) && c.confidence >= 10)) return GB18030;
  const best = candidates[0]?.name;
  return best !== undefined && iconv.encodingExists(best) ? best.toLowerCase() : UTF8;
}

/** Names an encoding iconv-lite can decode, normalised, or null. */
export function normaliseEncoding(name: string): string | null {
  const t = name.trim().toLowerCase();
  if (t === 'utf8' || t === 'utf-8') return UTF8;
  if (t === 'gbk' || t === 'gb2312' || t === 'gb18030' || t === 'cp936') return GB18030;
  return iconv.encodingExists(t) ? t : null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  // A sample cut mid-character is still UTF-8: allow up to 3 trailing bytes of an unfinished sequence.
  const cuts = complete ? [0] : [0, 1, 2, 3];
  for (const cut of cuts) {
    if (cut > bytes.length) break;
    try {
      STRICT_UTF8.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}
