import {
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FieldTimeOutlined,
  FolderOpenOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Layout, Menu, Segmented, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/resources';
import { sectionsFor, type SectionKey } from './navigation';

const ICONS: Record<SectionKey, ReactNode> = {
  work: <CheckSquareOutlined />,
  dashboard: <BarChartOutlined />,
  cases: <FolderOpenOutlined />,
  findings: <FileSearchOutlined />,
  firms: <BankOutlined />,
  newInspection: <CloudUploadOutlined />,
  evaluations: <ExperimentOutlined />,
  auditLog: <AuditOutlined />,
  schedules: <FieldTimeOutlined />,
  admin: <SettingOutlined />,
};

/** The frame of every signed-in page: the sections this caller may open, language, the signed-in user. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { principal, can, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const sections = sectionsFor(can);
  const selected = sections.find(
    (s) => location.pathname === s.path || location.pathname.startsWith(`${s.path}/`),
  );
  if (location.pathname === '/work' && !can('read:Case') && sections[0])
    return <Navigate to={sections[0].path} replace />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={64}
        width={208}
        theme="light"
        style={{ borderRight: '1px solid #e5e7eb' }}
      >
        <Link
          to="/"
          style={{ display: 'block', padding: '16px 20px', fontWeight: 600, color: '#1d4ed8', fontSize: 16 }}
        >
          bioaudit
        </Link>
        <nav aria-label={t('nav.menu')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected.key] : []}
            items={sections.map((s) => ({
              key: s.key,
              icon: ICONS[s.key],
              label: <Link to={s.path}>{t(`nav.${s.key}`)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', borderBottom: '1px solid #e5e7eb', padding: '0 20px', height: 56 }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={12}>
            <Typography.Text strong ellipsis>
              {t('app.name')}
            </Typography.Text>
            <Flex align="center" gap={12}>
              <Segmented<Language>
                aria-label={t('user.language')}
                size="small"
                value={i18n.language as Language}
                options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
                onChange={(l) => setLanguage(l)}
              />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'account', label: t('user.account'), onClick: () => void navigate('/account') },
                    {
                      key: 'signOut',
                      label: t('user.signOut'),
                      onClick: () => void signOut().then(() => navigate('/sign-in')),
                    },
                  ],
                }}
              >
                <Button icon={<UserOutlined />} data-testid="user-menu">
                  {principal?.displayName}
                  {principal?.roles.map((r) => (
                    <Tag key={r} style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                      {t(`roles.${r}`)}
                    </Tag>
                  ))}
                </Button>
              </Dropdown>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
