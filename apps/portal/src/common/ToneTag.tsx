import { Tag, type TagProps } from 'antd';

/**
 * A status tag whose text passes WCAG AA (4.5:1) on its own background in every table state (antd's preset
 * colours do not on a hovered row): good, bad, warn, info or neutral.
 */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'site' | 'neutral';

const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  good: { color: '#1f5f08', background: '#f3fbec', borderColor: '#95c97a' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warn: { color: '#8a3c00', background: '#fff7e6', borderColor: '#ffc069' },
  info: { color: '#1e40af', background: '#eff6ff', borderColor: '#93c5fd' },
  site: { color: '#531dab', background: '#f9f0ff', borderColor: '#d3adf7' },
  neutral: { color: 'rgba(0, 0, 0, 0.78)', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

/** antd's Tag in one of the AA tones; other Tag props (icon, data attributes, style additions) pass through. */
export function ToneTag({
  tone,
  testId,
  style,
  ...rest
}: TagProps & { tone: Tone; testId?: string } & Record<`data-${string}`, string>) {
  return <Tag {...rest} style={{ ...TONES[tone], marginInlineEnd: 6, ...style }} data-testid={testId} />;
}
