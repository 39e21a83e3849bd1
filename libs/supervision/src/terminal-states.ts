import { PROCEDURE_DEFINITIONS } from '@app/procedure';

/** Every terminal state of every procedure: a case in one is closed (no window to watch, no clue held). */
export function terminalStates(): string[] {
  return [
    ...new Set(PROCEDURE_DEFINITIONS.flatMap((d) => d.states.filter((s) => s.terminal).map((s) => s.id))),
  ];
}
