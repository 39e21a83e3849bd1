import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { PageTitle } from '../common/PageTitle';
import { ProblemAlert } from '../common/ProblemAlert';
import { useSession } from './session';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Who I am and changing my password. */
export default function AccountPage() {
  const { t } = useTranslation(['auth', 'common']);
  const { principal } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      unwrap(
        api.POST('/api/session/password', {
          body: { oldPassword: v.oldPassword, newPassword: v.newPassword },
        }),
      ),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('password.changed'));
    },
  });
  if (!principal) return null;
  return (
    <>
      <PageTitle title={t('account.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('account.username')}>{principal.username}</Descriptions.Item>
          <Descriptions.Item label={t('account.displayName')}>{principal.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('common:user.roles')}>
            {principal.roles.map((r) => (
              <Tag key={r}>{t(`common:roles.${r}`)}</Tag>
            ))}
          </Descriptions.Item>
          {principal.regionCode && (
            <Descriptions.Item label={t('account.region')}>{principal.regionCode}</Descriptions.Item>
          )}
          {principal.firmCreditCode && (
            <Descriptions.Item label={t('account.firm')}>{principal.firmCreditCode}</Descriptions.Item>
          )}
          {principal.certificateNumber && (
            <Descriptions.Item label={t('account.certificate')}>
              {principal.certificateNumber}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('password.title')}</h2>}
        style={{ maxWidth: 480 }}
      >
        {change.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={change.error} />
          </div>
        )}
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
          <Form.Item
            label={t('password.old')}
            name="oldPassword"
            rules={[{ required: true, message: t('password.old') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('password.new')}
            name="newPassword"
            extra={t('password.rule')}
            rules={[{ required: true, min: 12, message: t('password.rule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirm') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common:actions.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
