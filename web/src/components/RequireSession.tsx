import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { getMe } from '../api/endpoints';
import { ErrorMessage } from './ErrorMessage';

export function loginPath(next: string, notice?: 'expired' | 'signedOut'): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith('/login')) params.set('next', next);
  if (notice) params.set('notice', notice);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}

export const useMe = () => useQuery({ queryKey: ['me'], queryFn: getMe, staleTime: 5 * 60_000, retry: false });

/** Pages behind sign-in: without a session the visitor goes to /login, and comes back here after. */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  // While /auth/me is in flight the page renders and starts its own requests; a 401 on those or on
  // /auth/me itself sends the visitor to sign in, so nothing is shown without a session.
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (me.error)
    return (
      <main className="page">
        <ErrorMessage error={me.error} />
        <button type="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </main>
    );
  return <Outlet />;
}
