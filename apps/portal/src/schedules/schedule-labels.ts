import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import type { Tone } from '../common/ToneTag';
import { cronWords } from './cron-words';
import { durationParts } from './duration';

export type RunState = Schemas['ScheduleRunDto']['state'];
export const RUN_STATES: readonly RunState[] = ['running', 'completed', 'failed', 'skipped'];

/** How a run's state reads at a glance: a failure is the one to look at. */
export const STATE_TONE: Record<RunState, Tone> = {
  running: 'info',
  completed: 'good',
  failed: 'bad',
  skipped: 'neutral',
};

/** The server's alert delivery (`sent`, `not configured`, `failed: <reason>`) as a tone and a label. */
export function deliveryTone(delivery: string): Tone {
  if (delivery === 'sent') return 'good';
  if (delivery === 'not configured') return 'neutral';
  return 'warn';
}

/** The words of the schedules page: names and descriptions of the known jobs, cron, fan-out, durations. */
export function useScheduleLabels() {
  const { t } = useTranslation('schedules');
  return {
    /** The job's name in the language; a job the portal does not know yet by its own name and description. */
    title: (name: string) => t(`known.${name}.title` as 'known.reaudit.title', { defaultValue: name }),
    description: (name: string, fallback: string) =>
      t(`known.${name}.description` as 'known.reaudit.description', { defaultValue: fallback }),
    /** The cron in words, or null when it is not one of the simple shapes (then the cron itself is shown). */
    when: (cron: string): string | null => {
      const words = cronWords(cron);
      if (!words) return null;
      switch (words.kind) {
        case 'everyMinutes':
          return t('cron.everyMinutes', { step: words.step });
        case 'hourly':
          return t('cron.hourly', { minute: words.minute });
        case 'daily':
          return t('cron.daily', { time: words.time });
        case 'weekly':
          return t('cron.weekly', {
            weekday: t(`cron.weekdays.${words.weekday}` as 'cron.weekdays.0'),
            time: words.time,
          });
        case 'monthly':
          return t('cron.monthly', { day: words.day, time: words.time });
      }
    },
    fanOut: (f: Schemas['ScheduleDto']['fanOut']) => t(`fanOut.${f}`),
    state: (s: RunState) => t(`state.${s}`),
    delivery: (d: string) => {
      if (d === 'sent') return t('runs.delivery.sent');
      if (d === 'not configured') return t('runs.delivery.notConfigured');
      return t('runs.delivery.failed', { reason: d.replace(/^failed:\s*/, '') });
    },
    duration: (startedAt: string, finishedAt: string | null) => {
      const p = durationParts(startedAt, finishedAt);
      if (!p) return t('runs.stillRunning');
      switch (p.unit) {
        case 'seconds':
          return t('duration.seconds', { s: p.s });
        case 'minutes':
          return t('duration.minutes', { m: p.m, s: p.s });
        case 'hours':
          return t('duration.hours', { h: p.h, m: p.m });
      }
    },
  };
}
