import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../common/ProblemAlert';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import {
  accountRuleKeys,
  isOfficer,
  ROLES,
  type AccountFields,
  type Role,
  type RuleKey,
} from './account-rules';

type User = Schemas['UserDto'];
interface AccountForm {
  username: string;
  displayName?: string;
  roles: Role[];
  regionCode?: string;
  firmCreditCode?: string;
  certificateNumber?: string;
}

export const usersKey = ['admin', 'users'] as const;

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => unwrap(api.GET('/api/users')) });
}

/** A field's rule from the shared account rules (the whole form's values, as the server checks them together). */
function ruleFor(field: keyof AccountFields, say: (k: RuleKey) => string, editing: boolean): Rule {
  return ({ getFieldsValue }) => ({
    validator: () => {
      const v = getFieldsValue(true) as AccountForm;
      const key = accountRuleKeys({ ...v, username: editing ? undefined : (v.username ?? '') })[field];
      return key ? Promise.reject(new Error(say(key))) : Promise.resolve();
    },
  });
}

function AccountFormFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation(['admin', 'common']);
  const roles = Form.useWatch<Role[] | undefined>('roles');
  const firm = roles?.includes('firm') ?? false;
  const officer = isOfficer(roles);
  const say = (k: RuleKey) => t(`users.rules.${k}`);
  const deps = ['roles', 'regionCode', 'firmCreditCode', 'certificateNumber'];
  return (
    <>
      {!editing && (
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.hint.username')}
          rules={[ruleFor('username', say, editing)]}
        >
          <Input autoComplete="off" maxLength={63} />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('users.displayName')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[ruleFor('roles', say, editing)]}
        dependencies={deps.filter((d) => d !== 'roles')}
      >
        <Checkbox.Group
          options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          style={{ rowGap: 8 }}
        />
      </Form.Item>
      {!firm && (
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          extra={t('users.hint.region')}
          rules={[ruleFor('regionCode', say, editing)]}
          dependencies={['roles']}
        >
          <Input inputMode="numeric" maxLength={6} style={{ width: 160 }} />
        </Form.Item>
      )}
      {firm && !editing && (
        <Form.Item
          name="firmCreditCode"
          label={t('users.firm')}
          rules={[ruleFor('firmCreditCode', say, editing)]}
          dependencies={['roles']}
        >
          <Input maxLength={18} style={{ width: 240 }} />
        </Form.Item>
      )}
      {officer && (
        <Form.Item
          name="certificateNumber"
          label={t('users.certificate')}
          extra={t('users.hint.certificate')}
          rules={[ruleFor('certificateNumber', say, editing)]}
          dependencies={['roles']}
        >
          <Input maxLength={64} style={{ width: 240 }} />
        </Form.Item>
      )}
    </>
  );
}

/** Drops empty strings (the server takes an absent field, not ""); on edit an emptied field is cleared (null). */
function clean(v: AccountForm, editing: boolean) {
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : editing ? null : undefined);
  const officer = isOfficer(v.roles);
  return {
    displayName: v.displayName?.trim() || undefined,
    roles: v.roles,
    regionCode: v.roles.includes('firm') ? (editing ? null : undefined) : opt(v.regionCode),
    certificateNumber: officer ? opt(v.certificateNumber) : editing ? null : undefined,
    firmCreditCode: v.roles.includes('firm') ? opt(v.firmCreditCode) : undefined,
  };
}

function CreateUser({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const [form] = Form.useForm<AccountForm>();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (v: AccountForm) => {
      const c = clean(v, false);
      return unwrap(
        api.POST('/api/users', {
          body: {
            username: v.username.trim(),
            roles: c.roles,
            displayName: c.displayName,
            regionCode: c.regionCode ?? undefined,
            firmCreditCode: c.firmCreditCode ?? undefined,
            certificateNumber: c.certificateNumber ?? undefined,
          },
        }),
      );
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
  const done = create.data;
  return (
    <Modal
      open
      title={done ? t('users.createdTitle', { username: done.user.username }) : t('users.create')}
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
          <Alert type="warning" showIcon title={t('users.passwordOnce')} style={{ marginBottom: 16 }} />
          <Typography.Text strong>{t('users.password')}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: done.password ?? '' }}
            data-testid="created-password"
            style={{ fontSize: 16, marginTop: 8 }}
          >
            {done.password}
          </Typography.Paragraph>
        </>
      ) : (
        <Form<AccountForm>
          form={form}
          layout="vertical"
          initialValues={{ roles: [] }}
          onFinish={(v) => create.mutate(v)}
          requiredMark={false}
        >
          <AccountFormFields editing={false} />
          {create.isError && <ProblemAlert error={create.error} />}
        </Form>
      )}
    </Modal>
  );
}

function EditUser({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AccountForm>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: AccountForm) =>
      unwrap(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: user.id } },
          body: (({ firmCreditCode: _f, ...rest }) => rest)(clean(v, true)),
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(t('users.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('users.editOf', { username: user.username })}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
    >
      <Form<AccountForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          username: user.username,
          displayName: user.displayName,
          roles: user.roles,
          regionCode: user.regionCode ?? undefined,
          firmCreditCode: user.firmCreditCode ?? undefined,
          certificateNumber: user.certificateNumber ?? undefined,
        }}
        onFinish={(v) => save.mutate({ ...v, firmCreditCode: user.firmCreditCode ?? undefined })}
      >
        <AccountFormFields editing />
        {save.isError && <ProblemAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

/** Accounts (GET/POST/PATCH /api/users): list with status and lockout, create (password shown once), edit. */
export function UsersTab() {
  const { t } = useTranslation(['admin', 'common']);
  const fmt = useFormat();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const toggle = useMutation({
    mutationFn: (u: User) =>
      unwrap(
        api.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body: { disabled: !u.disabled } }),
      ),
    onSuccess: async (u) => {
      await queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(
        t(u.disabled ? 'users.disabledDone' : 'users.enabledDone', { username: u.username }),
      );
    },
  });
  const now = Date.now();
  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (v: string, u) => (
        <div>
          <Typography.Text strong>{v}</Typography.Text>
          {u.displayName && u.displayName !== v && (
            <div>
              <Typography.Text type="secondary">{u.displayName}</Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r}>{t(`common:roles.${r}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: `${t('users.region')} / ${t('users.firm')}`,
      render: (_: unknown, u) => u.regionCode ?? u.firmCreditCode ?? '—',
    },
    { title: t('users.certificate'), dataIndex: 'certificateNumber', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.status'),
      render: (_: unknown, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? (
            <ToneTag tone="bad">{t('users.disabled')}</ToneTag>
          ) : (
            <ToneTag tone="good">{t('users.active')}</ToneTag>
          )}
          {u.lockedUntil && Date.parse(u.lockedUntil) > now && (
            <ToneTag tone="warn">{t('users.locked', { until: fmt.dateTime(u.lockedUntil) })}</ToneTag>
          )}
        </Space>
      ),
    },
    {
      title: t('users.created'),
      dataIndex: 'createdAt',
      responsive: ['xl'],
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('users.actions'),
      key: 'actions',
      render: (_: unknown, u) =>
        can('update:User') ? (
          <Space size={4} wrap>
            <Button
              size="small"
              onClick={() => setEditing(u)}
              aria-label={t('users.editOf', { username: u.username })}
            >
              {t('users.edit')}
            </Button>
            {u.disabled ? (
              <Button
                size="small"
                onClick={() => toggle.mutate(u)}
                loading={toggle.isPending && toggle.variables?.id === u.id}
              >
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.disableConfirm', { username: u.username })}
                okText={t('users.disable')}
                cancelText={t('common:actions.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => toggle.mutate(u)}
              >
                <Button size="small" danger loading={toggle.isPending && toggle.variables?.id === u.id}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('users.heading')}
        </Typography.Title>
        {can('create:User') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        )}
      </Flex>
      {toggle.isError && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={toggle.error} />
        </div>
      )}
      <QueryState query={users} isEmpty={(d) => d.items.length === 0} empty={t('users.empty')}>
        {(d) => (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={d.items}
            pagination={d.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
          />
        )}
      </QueryState>
      {creating && <CreateUser onClose={() => setCreating(false)} />}
      {editing && <EditUser user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
