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
      {role === 'ADMIN' && (
        <>
          <NavLink to="/admin/rooms">{t('portal.nav.rooms')}</NavLink>
          <NavLink to="/admin/calendar">{t('portal.nav.calendar')}</NavLink>
          <NavLink to="/admin/users">{t('portal.nav.users')}</NavLink>
          <NavLink to="/admin/audit">{t('portal.nav.audit')}</NavLink>
          <NavLink to="/admin/notifications">{t('portal.nav.notifications')}</NavLink>
        </>
      )}
    </>
  );
}
