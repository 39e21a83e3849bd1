import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../common/ProblemAlert';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { LIFETIMES } from './account-rules';
import { useUsers } from './UsersTab';

type Token = Schemas['TokenDto'];
const tokensKey = ['admin', 'tokens'] as const;
const SELF = '';

interface KeyForm {
  username: string;
  name?: string;
  expiresIn: (typeof LIFETIMES)[number];
}

function CreateKey({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const { principal } = useSession();
  const [form] = Form.useForm<KeyForm>();
  const queryClient = useQueryClient();
  const users = useUsers();
  // An administrator issues keys for firm accounts only (the server refuses officers'); or one of their own.
  const owners = [
    { value: SELF, label: t('keys.ownerSelf', { username: principal?.username ?? '' }) },
    ...(users.data?.items ?? [])
      .filter((u) => u.roles.includes('firm') && !u.disabled)
      .map((u) => ({
        value: u.username,
        label: `${u.username}${u.displayName && u.displayName !== u.username ? ` · ${u.displayName}` : ''}`,
      })),
  ];
  const create = useMutation({
    mutationFn: (v: KeyForm) =>
      unwrap(
        api.POST('/api/tokens', {
          body: {
            ...(v.username === SELF ? {} : { username: v.username }),
            ...(v.name?.trim() ? { name: v.name.trim() } : {}),
            expiresIn: v.expiresIn,
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  const done = create.data;
  return (
    <Modal
      open
      title={done ? t('keys.createdTitle', { username: done.details.username }) : t('keys.create')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t('close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('common:actions.save')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <>
          <Alert type="warning" showIcon title={t('keys.tokenOnce')} style={{ marginBottom: 16 }} />
          <Typography.Text strong>{t('keys.token')}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: done.token }}
            data-testid="created-token"
            style={{ marginTop: 8, wordBreak: 'break-all' }}
          >
            {done.token}
          </Typography.Paragraph>
        </>
      ) : (
        <Form<KeyForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ username: owners[1]?.value ?? SELF, expiresIn: '90d' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="username" label={t('keys.owner')} extra={t('keys.ownerHint')}>
            <Select options={owners} loading={users.isPending} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="name" label={t('keys.name')} rules={[{ max: 200, message: t('keys.nameRule') }]}>
            <Input placeholder={t('keys.namePlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="expiresIn" label={t('keys.lifetime')}>
            <Select
              style={{ width: 200 }}
              options={LIFETIMES.map((l) => ({
                value: l,
                label: t('keys.days', { count: parseInt(l, 10) }),
              }))}
            />
          </Form.Item>
          {create.isError && <ProblemAlert error={create.error} />}
        </Form>
      )}
    </Modal>
  );
}

/** API keys (GET/POST/DELETE /api/tokens): list with owner and use, create (shown once), revoke with a confirm. */
export function KeysTab() {
  const { t } = useTranslation(['admin', 'common']);
  const fmt = useFormat();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => unwrap(api.GET('/api/tokens')) });
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/tokens/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tokensKey });
      void message.success(t('keys.revokedDone'));
    },
  });
  const now = Date.now();
  const when = (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>;
  const columns: ColumnsType<Token> = [
    {
      title: t('keys.owner'),
      dataIndex: 'username',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('keys.name'), dataIndex: 'name' },
    { title: t('keys.createdBy'), dataIndex: 'createdBy', responsive: ['xl'] },
    { title: t('keys.created'), dataIndex: 'createdAt', render: when },
    { title: t('keys.expires'), dataIndex: 'expiresAt', render: when },
    {
      title: t('keys.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) =>
        v ? when(v) : <Typography.Text type="secondary">{t('keys.never')}</Typography.Text>,
    },
    {
      title: t('keys.status'),
      render: (_: unknown, k) =>
        k.revokedAt ? (
          <ToneTag tone="bad">{t('keys.revoked', { at: fmt.dateTime(k.revokedAt) })}</ToneTag>
        ) : Date.parse(k.expiresAt) <= now ? (
          <ToneTag tone="neutral">{t('keys.expired')}</ToneTag>
        ) : (
          <ToneTag tone="good">{t('keys.active')}</ToneTag>
        ),
    },
    {
      title: t('users.actions'),
      key: 'actions',
      render: (_: unknown, k) =>
        !k.revokedAt && can('delete:Token') ? (
          <Popconfirm
            title={t('keys.revokeConfirm', { name: k.name, username: k.username })}
            okText={t('keys.revoke')}
            cancelText={t('common:actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutate(k.id)}
          >
            <Button
              size="small"
              danger
              aria-label={`${t('keys.revoke')} ${k.username} ${k.name}`}
              loading={revoke.isPending && revoke.variables === k.id}
            >
              {t('keys.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('keys.heading')}
        </Typography.Title>
        {can('create:Token') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('keys.create')}
          </Button>
        )}
      </Flex>
      {revoke.isError && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={revoke.error} />
        </div>
      )}
      <QueryState query={tokens} isEmpty={(d) => d.items.length === 0} empty={t('keys.empty')}>
        {(d) => (
          <Table<Token>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={d.items}
            pagination={d.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
          />
        )}
      </QueryState>
      {creating && <CreateKey onClose={() => setCreating(false)} />}
    </>
  );
}
