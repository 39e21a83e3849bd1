import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemAlert } from '../common/ProblemAlert';
import { useFormat } from '../common/format-hooks';

/** A refused step: the server's problem, and the last day of the window it rests on when it names one. */
export function CaseProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('cases');
  const fmt = useFormat();
  const p = error instanceof ApiProblem ? error.problem : null;
  return (
    <div style={{ marginBottom: 16 }} data-testid="action-problem">
      <ProblemAlert error={error} />
      {p?.lastDay && (
        <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }}>
          {t('problem.lastDay', { day: fmt.day(p.lastDay) })}
          {p.acceptedUntil && p.acceptedUntil !== p.lastDay
            ? ` · ${t('deadlines.acceptedUntil', { day: fmt.day(p.acceptedUntil) })}`
            : ''}
        </Typography.Paragraph>
      )}
    </div>
  );
}
