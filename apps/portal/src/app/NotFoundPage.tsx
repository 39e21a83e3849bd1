import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 22 }}>{t('state.notFound')}</h1>}
      extra={
        <Link to="/work">
          <Button type="primary">{t('state.back')}</Button>
        </Link>
      }
    />
  );
}
