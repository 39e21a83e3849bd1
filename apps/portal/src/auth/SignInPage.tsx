import { Alert, Button, Card, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../api/client';
import { ProblemAlert } from '../common/ProblemAlert';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/resources';
import { useSession } from './session';

/** Only paths of this portal are followed after sign-in (never another origin). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const { principal, expired, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${t('signIn.title')} · bioaudit`;
  }, [t]);
  if (principal && !busy) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const refusal =
    error instanceof ApiProblem && error.status === 401
      ? t('signIn.failed')
      : error instanceof ApiProblem && error.status === 429
        ? t('signIn.rateLimited')
        : null;

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f3f4f6', padding: 16 }}>
      <main>
        <Card style={{ width: 380, maxWidth: '100%' }}>
          <Flex justify="flex-end">
            <Segmented<Language>
              size="small"
              aria-label={t('common:user.language')}
              value={i18n.language as Language}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
              onChange={(l) => setLanguage(l)}
            />
          </Flex>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
            bioaudit · {t('signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
          {expired && (
            <Alert type="warning" showIcon title={t('common:session.expired')} style={{ marginBottom: 16 }} />
          )}
          {refusal ? (
            <Alert type="error" showIcon role="alert" title={refusal} style={{ marginBottom: 16 }} />
          ) : (
            error !== null && (
              <div style={{ marginBottom: 16 }}>
                <ProblemAlert error={error} />
              </div>
            )
          )}
          <Form
            layout="vertical"
            onFinish={(v: { username: string; password: string }) => void submit(v)}
            requiredMark={false}
          >
            <Form.Item
              label={t('signIn.username')}
              name="username"
              rules={[{ required: true, message: t('signIn.username') }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('signIn.password')}
              name="password"
              rules={[{ required: true, message: t('signIn.password') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
