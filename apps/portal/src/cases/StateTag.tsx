import { Tag, theme } from 'antd';
import { stateTone, useStateLabel } from './case-labels';

/** A case's state in the reader's language, tinted with the theme's AA text colours (never a low-contrast tag). */
export function StateTag({ state, large, testId }: { state: string; large?: boolean; testId?: string }) {
  const stateLabel = useStateLabel();
  const { token } = theme.useToken();
  const tone = stateTone(state);
  const color = tone === 'warning' ? token.colorWarning : tone === 'success' ? token.colorSuccess : undefined;
  return (
    <Tag
      data-testid={testId}
      style={{ color, borderColor: color, ...(large ? { fontSize: 14, padding: '2px 10px' } : {}) }}
    >
      {stateLabel(state)}
    </Tag>
  );
}
