import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/PageTitle';
import { KeysTab } from './KeysTab';
import { UsersTab } from './UsersTab';

/** Administration (for whoever may manage accounts): accounts and API keys, the tab kept in the URL (?tab=keys). */
export default function AdminPage() {
  const { t } = useTranslation(['admin', 'common']);
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'keys' ? 'keys' : 'users';
  if (!can('manage:User')) {
    return (
      <>
        <PageTitle title={t('title')} />
        <Alert type="info" showIcon title={t('common:state.notFound')} />
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('title')} sub={t('sub')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'keys' ? { tab: 'keys' } : {})}
        items={[
          { key: 'users', label: t('tabs.users'), children: <UsersTab /> },
          ...(can('read:Token') ? [{ key: 'keys', label: t('tabs.keys'), children: <KeysTab /> }] : []),
        ]}
      />
    </>
  );
}
