import { useTranslation } from 'react-i18next';

/** The procedure's states in their order (the labels are in the cases catalogues under `state.`). */
export const CASE_STATES = [
  'clue',
  'filed',
  'investigating',
  'proposed',
  'reviewed',
  'notified',
  'hearing_requested',
  'hearing_scheduled',
  'heard',
  'decided',
  'served',
  'closed',
  'no_penalty',
  'withdrawn',
  'transferred',
] as const;

/** How far the case has come, as a status colour name the page maps to the theme's AA text colours. */
export function stateTone(state: string): 'warning' | 'success' | undefined {
  if (state === 'clue') return 'warning';
  if (['decided', 'served', 'closed'].includes(state)) return 'success';
  return undefined;
}

/** A case state's name in the reader's language (the one place that turns a state code into its catalogue key). */
export function useStateLabel(): (state: string) => string {
  const { t } = useTranslation('cases');
  return (state) => t(`state.${state as (typeof CASE_STATES)[number]}`, { defaultValue: state });
}
