import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** A ministry's own pages only: no board, courses or administration. */
export function MinistryNav() {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/ministry" end>
        {t('portal.nav.quotas')}
      </NavLink>
      <NavLink to="/ministry/refer">{t('portal.nav.refer')}</NavLink>
      <NavLink to="/ministry/referrals">{t('portal.nav.referrals')}</NavLink>
    </>
  );
}
