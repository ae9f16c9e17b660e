import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { logout } from '../api/endpoints';
import { ControlRoomNav } from '../pages/admin/ControlRoomNav';
import { MinistryNav } from '../pages/ministry/MinistryNav';
import { ErrorMessage } from './ErrorMessage';
import { LanguageSwitcher } from './LanguageSwitcher';
import { loginPath, useMe } from './RequireSession';

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const signOut = async () => {
    try {
      await logout();
      queryClient.clear();
      navigate(loginPath('', 'signedOut'), { replace: true });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top">
        <span className="brand">Beamtime</span>
        <nav aria-label={t('nav.main')}>
          {me.data?.role === 'MINISTRY' ? (
            <MinistryNav />
          ) : (
          <>
          <NavLink to="/board">{t('nav.board')}</NavLink>
          <NavLink to="/courses" end>
            {t('nav.courses')}
          </NavLink>
          <NavLink to="/courses/new">{t('nav.newCourse')}</NavLink>
          <NavLink to="/worklist">{t('nav.worklist')}</NavLink>
          <ControlRoomNav role={me.data?.role} />
          </>
          )}
        </nav>
        <span className="session">
          <LanguageSwitcher />
          <span className="user">{t('common.signedInAs', { name: me.data?.username ?? '' })}</span>
          <button type="button" onClick={() => void signOut()}>
            {t('common.signOut')}
          </button>
        </span>
      </header>
      <ErrorMessage error={error} />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
