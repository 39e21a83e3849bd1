import type { Rulebook } from '../core/assessment';
import { CnCrpl56Rulebook } from './cn-crpl-56/cn-crpl-56.rulebook';

/** Every rulebook bioaudit ships; exactly one per jurisdiction is the default. */
export const BUILTIN_RULEBOOKS: readonly Rulebook[] = [new CnCrpl56Rulebook()];
