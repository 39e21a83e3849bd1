import { randomBytes } from 'node:crypto';
import { classifyPersonalIdentifier, mayHoldPersonalIdentifier } from '@app/common';
import { Keyring } from './keyring';
import {
  derivePseudonymKey,
  openSubjectRef,
  PSEUDONYM_PREFIX,
  sealSubjectRef,
  SubjectPseudonymiser,
} from './pseudonym';

const IDENTIFIERS = [
  '330204199001011234',
  '13812345678',
  '+86 13812345678',
  'Zhang.San@Example.com',
  '张三',
  '姓名:欧阳娜娜',
];
const OPAQUE = ['FL000123', 'P-0042', 'emp-7', '12345', 'psn:abcdefghijklmnopqrstuvwxyz'];

describe('personal identifiers (pre-check and classification)', () => {
  it('classifies ID numbers, mobiles, e-mails and names; opaque ids are none', () => {
    expect(IDENTIFIERS.map(classifyPersonalIdentifier)).toEqual([
      'id-card',
      'mobile',
      'mobile',
      'email',
      'name',
      'name',
    ]);
    expect(OPAQUE.map(classifyPersonalIdentifier)).toEqual([null, null, null, null, null]);
  });

  it('the cheap pre-check never says no to an identifier', () => {
    for (const id of IDENTIFIERS) expect(mayHoldPersonalIdentifier(id)).toBe(true);
    expect(mayHoldPersonalIdentifier('FL000123')).toBe(false);
  });
});

describe('SubjectPseudonymiser', () => {
  const key = derivePseudonymKey(randomBytes(32));

  it('replaces identifiers by psn:<26 base32>, the same for the same (normalised) reference; opaque refs unchanged', () => {
    const a = new SubjectPseudonymiser(key);
    const b = new SubjectPseudonymiser(key);
    for (const id of IDENTIFIERS) {
      const p = a.pseudonymise(id);
      expect(p).toMatch(/^psn:[a-z2-7]{26}$/);
      expect(b.pseudonymise(id)).toBe(p);
      expect(classifyPersonalIdentifier(p)).toBeNull();
      expect(a.pseudonymise(p)).toBe(p);
    }
    expect(a.pseudonymise('zhang.san@example.com')).toBe(a.pseudonymise('Zhang.San@Example.com'));
    expect(a.pseudonymise('１３８１２３４５６７８')).toBe(a.pseudonymise('13812345678'));
    for (const o of OPAQUE) expect(a.pseudonymise(o)).toBe(o);
    expect(new Set(IDENTIFIERS.map((i) => a.pseudonymise(i))).size).toBe(IDENTIFIERS.length);
  });

  it('another key gives other pseudonyms', () => {
    const other = new SubjectPseudonymiser(derivePseudonymKey(randomBytes(32)));
    const mine = new SubjectPseudonymiser(key);
    for (const id of IDENTIFIERS) expect(other.pseudonymise(id)).not.toBe(mine.pseudonymise(id));
  });

  it('drains each replaced reference once, and loads no key while references are opaque', () => {
    let loads = 0;
    const p = new SubjectPseudonymiser(() => (loads++, key));
    p.pseudonymise('FL000123');
    expect(loads).toBe(0);
    const psn = p.pseudonymise('13812345678');
    p.pseudonymise('13812345678');
    expect(p.drain()).toEqual([{ pseudonym: psn, ref: '13812345678' }]);
    expect(p.drain()).toEqual([]);
    expect(loads).toBe(1);
    expect(JSON.stringify({ p })).not.toContain(key.toString('base64'));
    expect(psn.startsWith(PSEUDONYM_PREFIX)).toBe(true);
  });
});

describe('sealed subject references', () => {
  it('open with the ring that sealed them, only under their own pseudonym, not with another key', () => {
    const ring = Keyring.generate();
    const sealed = sealSubjectRef(ring, 'psn:aaaa', '330204199001011234');
    expect(sealed).not.toContain('330204');
    expect(openSubjectRef(ring, 'psn:aaaa', sealed)).toBe('330204199001011234');
    expect(() => openSubjectRef(ring, 'psn:bbbb', sealed)).toThrow(/fails authentication/);
    expect(() => openSubjectRef(Keyring.generate(), 'psn:aaaa', sealed)).toThrow(/does not hold/);
  });
});
