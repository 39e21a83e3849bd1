/**
 * What a firm uses as a person's reference may be a personal identifier (PIPL art. 6, data minimisation):
 * an 18-digit resident ID number (GB 11643), a mainland mobile number (1[3-9] and 9 digits, optionally +86),
 * an e-mail address, or a Chinese name — as a `name`/`姓名` field (`name:张三`, `姓名=欧阳娜娜`,
 * `"name":"李四"`) or as the whole reference (2–4 Han characters). One detector for every place that must
 * recognise them: documents mask them (case-files), stored rows pseudonymise them (ingestion).
 *
 * Everything else (the firm's own opaque ids such as `FL000123`, `P-0042`) is not an identifier. Pure.
 */

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
const HAN = '\\p{Script=Han}';

/** Sources and flags of the detectors; global regexes are built from them by whoever replaces matches. */
export const PERSONAL_IDENTIFIER_PATTERNS = {
  /** Groups: 1 the first four digits, 2 the check character. */
  idCard: {
    source: `${NOT_ALNUM_BEFORE}([1-9]\\d{3})\\d{2}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}([\\dXx])${NOT_ALNUM_AFTER}`,
    flags: '',
  },
  /** Groups: 1 the prefix and first three digits, 2 the middle four, 3 the last four. */
  mobile: {
    source: `${NOT_ALNUM_BEFORE}((?:\\+?86[- ]?)?1[3-9]\\d)(\\d{4})(\\d{4})${NOT_ALNUM_AFTER}`,
    flags: '',
  },
  /** Groups: 1 the local part's first character, 2 the domain. */
  email: {
    source:
      '(?<![\\w.%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})',
    flags: '',
  },
  /** Groups: 1 the key and separator, 2 the surname's first character, 3 the rest of the name. */
  nameField: {
    source: `((?:"?(?:name|fullName|full_name|realName|real_name|姓名|名字)"?)\\s*[:=：]\\s*"?)(${HAN})(${HAN}{1,3})(?=$|[^\\p{Script=Han}])`,
    flags: 'iu',
  },
  /** The whole (trimmed) text is a name. Groups: 1 the surname's first character, 2 the rest. */
  wholeName: { source: `^(${HAN})(${HAN}{1,3})$`, flags: 'u' },
} as const;

export type PersonalIdentifierKind = 'id-card' | 'mobile' | 'email' | 'name';

const TESTS: readonly [PersonalIdentifierKind, RegExp][] = [
  ['name', new RegExp(PERSONAL_IDENTIFIER_PATTERNS.wholeName.source, 'u')],
  ['id-card', new RegExp(PERSONAL_IDENTIFIER_PATTERNS.idCard.source)],
  ['mobile', new RegExp(PERSONAL_IDENTIFIER_PATTERNS.mobile.source)],
  ['email', new RegExp(PERSONAL_IDENTIFIER_PATTERNS.email.source)],
  ['name', new RegExp(PERSONAL_IDENTIFIER_PATTERNS.nameField.source, 'iu')],
];

/** First code point of the CJK blocks: anything below cannot be a Han character. */
const CJK_START = 0x2e80;
/** The shortest digit run of an identifier the detectors know (a mobile number). */
const MIN_DIGIT_RUN = 11;

/**
 * The cheap pre-check: false means `text` holds no personal identifier (no `@`, no Han character, no run of
 * 11 digits), so the regular expressions need not run. True means "maybe": ask classifyPersonalIdentifier.
 */
export function mayHoldPersonalIdentifier(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run >= MIN_DIGIT_RUN) return true;
    } else {
      if (c === 64 || c >= CJK_START) return true;
      run = 0;
    }
  }
  return false;
}

/** The kind of the first personal identifier `text` holds, or null when it holds none. */
export function classifyPersonalIdentifier(text: string): PersonalIdentifierKind | null {
  if (!mayHoldPersonalIdentifier(text)) return null;
  const trimmed = text.trim();
  for (const [kind, re] of TESTS) if (re.test(trimmed)) return kind;
  return null;
}

/**
 * The form of a reference that is hashed: Unicode NFKC (full-width digits and letters as ASCII), trimmed,
 * inner whitespace collapsed to one space, e-mail addresses in lower case and an ID number's check `x` as
 * `X`, so the same person written two ordinary ways is one reference.
 */
export function normaliseSubjectRef(ref: string, kind: PersonalIdentifierKind | null): string {
  const n = ref.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (kind === 'email') return n.toLowerCase();
  if (kind === 'id-card') return n.replace(/x(?![0-9A-Za-z])/g, 'X');
  return n;
}
