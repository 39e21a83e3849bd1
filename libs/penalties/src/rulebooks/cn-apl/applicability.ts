import { DomainError, type BilingualText } from '@app/common';
import type { RulebookInfo } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { PENALTY_ERRORS } from '../../penalties.errors';

/**
 * The date whose law judges the act: the end of the conduct (APL 2021 art. 37: the law in force when the act
 * was committed; a continuing act is judged when it ended). Whether a lighter later law applies instead is
 * decided by `judgeByLawInForce`.
 */
export function conductLawDate(facts: PenaltyFacts): string {
  return facts.conduct.to;
}

/** A duty of a Chinese law that an infringement breaches, in both languages. */
export type Duties = Partial<Record<Infringement, BilingualText>>;

/**
 * The infringements a Chinese rulebook governs, or RULEBOOK_NOT_APPLICABLE when the conduct ended before the
 * law entered into force (no law may be the basis for conduct before it) or none of the infringements
 * breaches a duty it sanctions.
 */
export function applicableDuties(
  info: RulebookInfo,
  facts: PenaltyFacts,
  duties: Duties,
  law: { name: string; inForceArticle: string; dutyName: string },
): Infringement[] {
  const date = conductLawDate(facts);
  if (date < info.validFrom) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      `${info.id}: conduct ending ${date} is before the ${law.name} entered into force (${info.validFrom}, ${law.inForceArticle})`,
      { rulebook: info.id },
    );
  }
  const governed = facts.infringements.filter((i) => duties[i] !== undefined);
  if (governed.length === 0) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      `${info.id}: none of the infringements (${facts.infringements.join(', ') || 'none'}) breaches ${law.dutyName}`,
      { rulebook: info.id },
    );
  }
  return governed;
}

/** The duties breached, joined for a trace description. */
export function dutiesText(governed: readonly Infringement[], duties: Duties): BilingualText {
  const list = governed.map((i) => duties[i] as BilingualText);
  return { zh: list.map((d) => d.zh).join('；'), en: list.map((d) => d.en).join('; ') };
}
