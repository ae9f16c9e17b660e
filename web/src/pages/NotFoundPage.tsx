import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('errors.pageNotFound')}</h1>
      <Link to="/board">{t('nav.board')}</Link>
    </>
  );
}
