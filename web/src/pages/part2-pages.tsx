import { ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('common.loading')}</p>;
}

/** A page loaded on first visit, so the coordinator's first load (the board) does not carry the portal and the control room. */
function onDemand<M>(factory: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  const Page = lazy(async () => ({ default: pick(await factory()) }));
  return function OnDemandPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}

export const QuotaDashboardPage = onDemand(() => import('./ministry/QuotaDashboardPage'), (m) => m.QuotaDashboardPage);
export const ReferChildPage = onDemand(() => import('./ministry/ReferChildPage'), (m) => m.ReferChildPage);
export const ReferralsPage = onDemand(() => import('./ministry/ReferralsPage'), (m) => m.ReferralsPage);
export const ReferralPage = onDemand(() => import('./ministry/ReferralPage'), (m) => m.ReferralPage);
export const LedgerPage = onDemand(() => import('./ministry/LedgerPage'), (m) => m.LedgerPage);
export const CapacityPage = onDemand(() => import('./admin/CapacityPage'), (m) => m.CapacityPage);
export const DowntimesPage = onDemand(() => import('./admin/DowntimesPage'), (m) => m.DowntimesPage);
export const ForecastsPage = onDemand(() => import('./admin/ForecastsPage'), (m) => m.ForecastsPage);
export const ForecastPage = onDemand(() => import('./admin/ForecastPage'), (m) => m.ForecastPage);
export const RoomsPage = onDemand(() => import('./admin/RoomsPage'), (m) => m.RoomsPage);
export const CalendarPage = onDemand(() => import('./admin/CalendarPage'), (m) => m.CalendarPage);
export const UsersPage = onDemand(() => import('./admin/UsersPage'), (m) => m.UsersPage);
export const AuditPage = onDemand(() => import('./admin/AuditPage'), (m) => m.AuditPage);
export const NotificationsPage = onDemand(() => import('./admin/NotificationsPage'), (m) => m.NotificationsPage);
