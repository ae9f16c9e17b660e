import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Staff's part-2 pages: capacity for admins and coordinators, the control room for admins only. */
export function ControlRoomNav({ role }: { role: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/capacity">{t('portal.nav.capacity')}</NavLink>
      {role === 'ADMIN' && <NavLink to="/admin/downtimes">{t('portal.nav.downtimes')}</NavLink>}
      {role === 'ADMIN' && <NavLink to="/forecasts">{t('portal.nav.forecasts')}</NavLink>}
    </>
  );
}
