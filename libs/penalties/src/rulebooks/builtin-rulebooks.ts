import type { Rulebook } from '../core/assessment';
import { CnCombinedRulebook } from './cn/cn-combined.rulebook';
import { CnCrpl56Rulebook } from './cn-crpl-56/cn-crpl-56.rulebook';
import { CnNdsmr55Rulebook } from './cn-ndsmr-55/cn-ndsmr-55.rulebook';
import { CnPipl66Rulebook } from './cn-pipl-66/cn-pipl-66.rulebook';
import { UsIlBipaRulebook } from './us-il-bipa/us-il-bipa.rulebook';
import { UsTxCubiRulebook } from './us-tx-cubi/us-tx-cubi.rulebook';
import { EuGdpr83Rulebook, swedishPublicAuthorityRulebook } from './eu-gdpr-83/eu-gdpr-83.rulebook';

const crpl = new CnCrpl56Rulebook();
const pipl = new CnPipl66Rulebook();
const ndsmr = new CnNdsmr55Rulebook();

/** Every rulebook bioaudit ships; exactly one per jurisdiction is the default. */
export const BUILTIN_RULEBOOKS: readonly Rulebook[] = [
  new CnCombinedRulebook([pipl, crpl, ndsmr]),
  crpl,
  pipl,
  ndsmr,
  new EuGdpr83Rulebook(),
  swedishPublicAuthorityRulebook(),
  new UsIlBipaRulebook(),
  new UsTxCubiRulebook(),
];
