import type { Precedent } from '../core/precedents';
import { parsePenaltyFacts } from '../core/facts';
import raw from './precedents.json';

interface RawPrecedent extends Omit<Precedent, 'facts'> {
  facts: unknown;
}

/** The bundled precedents; each one's facts pass the same validation as an officer's facts document. */
export const PRECEDENTS: readonly Precedent[] = (raw as RawPrecedent[]).map((p) => ({
  ...p,
  facts: parsePenaltyFacts(p.facts),
}));
