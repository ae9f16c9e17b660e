import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { onSessionExpired } from './api/client';
import { Layout } from './components/Layout';
import { RequireSession, loginPath } from './components/RequireSession';
import { BoardPage } from './pages/BoardPage';
import { CoursePage } from './pages/CoursePage';
import { CoursesPage } from './pages/CoursesPage';
import { LoginPage } from './pages/LoginPage';
import { NewCoursePage } from './pages/NewCoursePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PatientPage } from './pages/PatientPage';
import { WorklistPage } from './pages/WorklistPage';
import { HomeRedirect } from './pages/ministry/HomeRedirect';
import {
  AuditPage,
  CalendarPage,
  CapacityPage,
  DowntimesPage,
  ForecastPage,
  ForecastsPage,
  LedgerPage,
  NotificationsPage,
  QuotaDashboardPage,
  ReferChildPage,
  ReferralPage,
  ReferralsPage,
  RoomsPage,
  UsersPage,
} from './pages/part2-pages';

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  // A 401 on any call means the session is gone: back to sign-in, remembering where we were.
  useEffect(
    () =>
      onSessionExpired(() => {
        if (window.location.pathname === '/login') return;
        // Without a known user this was a first visit, not an expired session.
        const wasSignedIn = queryClient.getQueryData(['me']) !== undefined;
        queryClient.removeQueries({ queryKey: ['me'] });
        navigate(loginPath(window.location.pathname + window.location.search, wasSignedIn ? 'expired' : undefined), { replace: true });
      }),
    [navigate, queryClient],
  );
  // Braces matter: newer Chromium returns a promise from scrollTo, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        <Route element={<Layout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/board" element={<BoardPage />} />
          <Route path="/courses" element={<CoursesPage />} />
          <Route path="/courses/new" element={<NewCoursePage />} />
          <Route path="/courses/:id" element={<CoursePage />} />
          <Route path="/patients/:id" element={<PatientPage />} />
          <Route path="/worklist" element={<WorklistPage />} />
          <Route path="/ministry" element={<QuotaDashboardPage />} />
          <Route path="/ministry/refer" element={<ReferChildPage />} />
          <Route path="/ministry/referrals" element={<ReferralsPage />} />
          <Route path="/ministry/referrals/:id" element={<ReferralPage />} />
          <Route path="/ministry/quotas/:id/ledger" element={<LedgerPage />} />
          {/* SPEC §10 deep links for the same pages */}
          <Route path="/quotas" element={<QuotaDashboardPage />} />
          <Route path="/referrals" element={<ReferralsPage />} />
          <Route path="/referrals/:id" element={<ReferralPage />} />
          <Route path="/capacity" element={<CapacityPage />} />
          <Route path="/admin/downtimes" element={<DowntimesPage />} />
          <Route path="/forecasts" element={<ForecastsPage />} />
          <Route path="/forecasts/:id" element={<ForecastPage />} />
          <Route path="/admin/rooms" element={<RoomsPage />} />
          <Route path="/admin/calendar" element={<CalendarPage />} />
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="/admin/notifications" element={<NotificationsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
