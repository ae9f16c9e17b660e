import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Staff's part-2 pages: capacity for admins and coordinators. */
export function ControlRoomNav(_props: { role: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/capacity">{t('portal.nav.capacity')}</NavLink>
    </>
  );
}
