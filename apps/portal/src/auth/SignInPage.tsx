import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiProblem, unwrap } from '../api/client';
import { ProblemAlert } from '../common/ProblemAlert';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/resources';
import { useSession } from './session';

/** Only paths of this portal are followed after sign-in (never another origin). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The sign-in page's message for each refusal of single sign-on (the callback's `sso_error`). */
const SSO_ERRORS = {
  'AUTH.SSO_NO_ACCOUNT': 'noAccount',
  'AUTH.SSO_ACCOUNT_DISABLED': 'disabled',
  'AUTH.SSO_STATE_INVALID': 'state',
  'AUTH.SSO_REFUSED': 'refused',
  'AUTH.SSO_UNAVAILABLE': 'unavailable',
  'AUTH.SSO_NOT_CONFIGURED': 'notConfigured',
} as const;

function ssoErrorKey(code: string | null): (typeof SSO_ERRORS)[keyof typeof SSO_ERRORS] | null {
  if (code === null) return null;
  return Object.prototype.hasOwnProperty.call(SSO_ERRORS, code)
    ? SSO_ERRORS[code as keyof typeof SSO_ERRORS]
    : 'refused';
}

export function SignInPage() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const { principal, expired, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // How one may sign in here: the single sign-on button only when the server has an identity provider.
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => unwrap(api.GET('/api/auth/methods')),
    staleTime: Infinity,
  });
  const sso = methods.data?.sso ?? null;
  const ssoError = ssoErrorKey(params.get('sso_error'));
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
          {ssoError && error === null && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="sso-error"
              title={t(`signIn.ssoErrors.${ssoError}`)}
              style={{ marginBottom: 16 }}
            />
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
          {sso && (
            <>
              <Divider plain>{t('signIn.or')}</Divider>
              <Button
                block
                data-testid="sso-button"
                href={`${sso.startUrl}?${new URLSearchParams({ next: safeNext(params.get('next')) }).toString()}`}
              >
                {sso.name ? t('signIn.ssoWith', { name: sso.name }) : t('signIn.sso')}
              </Button>
            </>
          )}
        </Card>
      </main>
    </Flex>
  );
}
