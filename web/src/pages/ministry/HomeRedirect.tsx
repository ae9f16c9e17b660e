import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../../components/RequireSession';

/** The start page by role: a ministry's is its quotas (it has no board), everyone else's the board. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return <p className="loading">{t('common.loading')}</p>;
  return <Navigate to={me.data.role === 'MINISTRY' ? '/ministry' : '/board'} replace />;
}
