import { createHash } from 'node:crypto';
import type { ChainEntry } from '@app/persistence';
import { anchorOf } from './custody-anchor';
import { chainEntryHash, chainLinkBreak } from './verify.service';

const ZERO = '0'.repeat(64);

function entry(seq: number, prevHash: string, payloadText = `{"n": ${seq}}`): ChainEntry {
  const e = {
    seq: String(seq),
    kind: 'finding.insert',
    entity: 'finding',
    entityId: String(seq),
    payloadText,
    prevHash,
  };
  return { ...e, rowHash: chainEntryHash(e) };
}

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  for (let i = 1; i <= n; i++) out.push(entry(i, out[i - 2]?.rowHash ?? ZERO));
  return out;
}

function firstBreak(entries: ChainEntry[]): string | null {
  let prev: ChainEntry | null = null;
  for (const e of entries) {
    const b = chainLinkBreak(prev, e);
    if (b) return b;
    prev = e;
  }
  return null;
}

describe('custody chain links', () => {
  it('hashes seq, kind, entity, id, payload and the previous hash, newline-separated (as custody_append)', () => {
    const e = entry(1, ZERO, '{"a": 1}');
    const expected = createHash('sha256')
      .update(`1\nfinding.insert\nfinding\n1\n{"a": 1}\n${ZERO}`)
      .digest('hex');
    expect(e.rowHash).toBe(expected);
    expect(chainEntryHash({ ...e, entityId: null })).toBe(
      createHash('sha256').update(`1\nfinding.insert\nfinding\n\n{"a": 1}\n${ZERO}`).digest('hex'),
    );
  });

  it('accepts an intact chain', () => {
    expect(firstBreak(chain(5))).toBeNull();
  });

  it('names an altered entry, a missing entry, a broken link and a chain not starting at #1', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2], payloadText: '{"n": 99}' };
    expect(firstBreak(altered)).toBe('entry #3 (finding.insert 3) was altered');

    const gap = chain(5);
    gap.splice(3, 1);
    expect(firstBreak(gap)).toBe('entry #4 is missing (the chain goes on at #5)');

    const relinked = chain(5);
    relinked[3] = entry(4, ZERO); // rehashed, but linked to nothing
    expect(firstBreak(relinked)).toBe('entry #4 does not link to entry #3');

    expect(firstBreak(chain(3).slice(1))).toBe('entry #1 is missing (the chain goes on at #2)');
  });

  it('exports the head as an anchor', () => {
    const [e] = chain(1);
    expect(anchorOf(e)).toBe(`bioaudit-custody-v1:1:${e.rowHash}`);
  });
});
