/**
 * Data minimisation for documents (PIPL art. 6): what a firm uses as a person's reference may be a personal
 * identifier — an ID-card number, a mobile number, an e-mail address, a name. A case file needs to tell
 * persons apart and let the authority find them again (through the database, by authorised roles), not to
 * publish who they are; so such references are masked wherever a document prints them:
 *
 * - 18-digit resident ID numbers (GB 11643): first 4 and last 4 kept, `3302**********1234`;
 * - mainland mobile numbers (1[3-9] and 9 digits, optionally +86): `138****5678`;
 * - e-mail addresses: the first character of the local part, `z***@example.com`;
 * - Chinese names given as a `name`/`姓名` field (`name:张三`, `姓名=欧阳娜娜`, `"name":"李四"`) or as the
 *   whole reference (2–4 Han characters): the surname's first character kept, `张*`, `欧***`.
 *
 * Everything else is left as it is (pseudonymous references such as `P-0042` are what the firm should use,
 * and stored rows hold `psn:` pseudonyms instead of identifiers). The detectors are @app/common's
 * (personal-identifiers.ts), shared with ingestion's pseudonyms.
 * Pure and idempotent: masking a masked text changes nothing.
 */
import { PERSONAL_IDENTIFIER_PATTERNS } from '@app/common';
import type { CaseFileCaptureRef, CaseFileInput } from '../case-file.types';

const P = PERSONAL_IDENTIFIER_PATTERNS;
const ID_CARD = new RegExp(P.idCard.source, `g${P.idCard.flags}`);
const MOBILE = new RegExp(P.mobile.source, `g${P.mobile.flags}`);
const EMAIL = new RegExp(P.email.source, `g${P.email.flags}`);
const NAME_FIELD = new RegExp(P.nameField.source, `g${P.nameField.flags}`);
const WHOLE_NAME = new RegExp(P.wholeName.source, P.wholeName.flags);

const stars = (n: number) => '*'.repeat(n);

/** Masks the personal identifiers in `text` (see above); returns other text unchanged. */
export function maskPersonalIdentifiers(text: string): string {
  const trimmed = text.trim();
  const whole = WHOLE_NAME.exec(trimmed);
  if (whole) return text.replace(trimmed, whole[1] + stars([...whole[2]].length));
  return text
    .replace(
      ID_CARD,
      (m: string, first4: string, last: string) => `${first4}${stars(10)}${m.slice(14, 17)}${last}`,
    )
    .replace(MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`)
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(
      NAME_FIELD,
      (_m, key: string, surname: string, rest: string) => `${key}${surname}${stars([...rest].length)}`,
    );
}

/** Masks every string inside a JSON-like value (objects, arrays), keys left as they are. */
export function maskPersonalIdentifiersDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalIdentifiers(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskPersonalIdentifiersDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPersonalIdentifiersDeep(v)]),
    ) as T;
  }
  return value;
}

async function* mapRows<T>(rows: AsyncIterable<T>, f: (row: T) => T): AsyncIterable<T> {
  for await (const row of rows) yield f(row);
}

const maskCapture = (ref: CaseFileCaptureRef | null): CaseFileCaptureRef | null =>
  ref && { ...ref, eventKey: maskPersonalIdentifiers(ref.eventKey) };

/**
 * The input as a document may show it: every reference the firm gave for a person, a capture or a consent,
 * and every string of the machine-readable extra, masked (`maskPersonalIdentifiers`). The annexes are
 * wrapped, not read: they stay streamed.
 */
export function minimisedCaseFileInput(input: CaseFileInput): CaseFileInput {
  return {
    ...input,
    findings: () =>
      mapRows(input.findings(), (r) => ({
        ...r,
        subjectRef: r.subjectRef === null ? null : maskPersonalIdentifiers(r.subjectRef),
        consentRefs: r.consentRefs.map(maskPersonalIdentifiers),
        firstCapture: maskCapture(r.firstCapture),
        lastCapture: maskCapture(r.lastCapture),
      })),
    affectedPersons: () =>
      mapRows(input.affectedPersons(), (r) => ({ ...r, subjectRef: maskPersonalIdentifiers(r.subjectRef) })),
    quarantined: () =>
      mapRows(input.quarantined(), (r) => ({ ...r, message: maskPersonalIdentifiers(r.message) })),
    ...(input.machineReadable ? { machineReadable: maskPersonalIdentifiersDeep(input.machineReadable) } : {}),
  };
}
