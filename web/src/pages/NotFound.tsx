import { Link } from 'react-router';
import { TopBar } from '../components/ShopLayout';
import { useI18n } from '../i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <TopBar title={t('notFound.title')} />
      <div className="card pad center">
        <p>{t('notFound.text')}</p>
        <Link to="/" className="btn btn-primary">
          {t('nav.home')}
        </Link>
      </div>
    </>
  );
}
