/** A run's length as hours, minutes and seconds (the page words them); null while it has not finished. */
export type DurationParts =
  | { unit: 'seconds'; s: number }
  | { unit: 'minutes'; m: number; s: number }
  | { unit: 'hours'; h: number; m: number };

export function durationParts(startedAt: string, finishedAt: string | null): DurationParts | null {
  if (!finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms)) return null;
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return { unit: 'seconds', s: total };
  if (total < 3600) return { unit: 'minutes', m: Math.floor(total / 60), s: total % 60 };
  return { unit: 'hours', h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) };
}
