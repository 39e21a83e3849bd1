import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** A server error as the officer should read it: the problem's own message, its code and the fields it names. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error.problem : null;
  const title = problem ? problem.title : t('state.error');
  const detail =
    problem?.detail ?? (problem ? undefined : error instanceof Error ? error.message : String(error));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <>
          {detail && <div>{detail}</div>}
          {problem?.errors?.map((e) => (
            <div key={e.field}>
              <code>{e.field}</code>: {e.message}
            </div>
          ))}
          {problem && problem.status === 0 && <div>{t('state.networkError')}</div>}
          {problem && <div className="problem-code">{t('state.code', { code: problem.code })}</div>}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
