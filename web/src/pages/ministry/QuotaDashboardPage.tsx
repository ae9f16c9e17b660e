import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listHeldReservations, listQuotas, type Quota, type Reservation } from '../../api/portal';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMe } from '../../components/RequireSession';
import { daysAndHours, zoneCity } from './time';
import './portal.css';

const WARN_HOLD_MS = 48 * 3_600_000;

/** The clock, ticking each minute, for countdowns. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** /ministry: the country's places per year and category, its holds with their countdown, and what is about to lapse. */
export function QuotaDashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow();
  const quotas = useQuery({ queryKey: ['quotas'], queryFn: listQuotas, refetchInterval: 60_000 });
  const holds = useQuery({ queryKey: ['reservations', 'HELD'], queryFn: listHeldReservations, refetchInterval: 60_000 });
  const thisYear = new Date(now).getFullYear();
  const years = [...new Set((quotas.data ?? []).map((q) => q.year))].sort((a, b) => a - b);
  // A hold's deadline in the ministry's own hours (Bishkek is an hour ahead of the center), named by its city.
  const timeZone = me.data?.timeZone;
  const at = (instant: string) =>
    `${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant))}${timeZone ? ` (${zoneCity(timeZone)})` : ''}`;
  const soon = (holds.data?.items ?? []).filter((h) => new Date(h.expiresAt).getTime() - now < WARN_HOLD_MS);
  // Places not used by 31 December are lost: warn in the year's last quarter.
  const lapsing = new Date(now).getMonth() >= 9 ? (quotas.data ?? []).filter((q) => q.year === thisYear && q.available + q.reserved > 0) : [];

  return (
    <>
      <h1>{t('portal.dashboard.title', { country: me.data?.countryCode ?? '' })}</h1>
      <ErrorMessage error={quotas.error ?? holds.error} />
      {(quotas.isPending || holds.isPending) && <p className="loading">{t('common.loading')}</p>}
      {soon.map((h) => (
        <p key={h.id} className="warning" role="status">
          {t('portal.holds.warning', { count: h.remaining, at: at(h.expiresAt) })}
        </p>
      ))}
      {lapsing.map((q) => (
        <p key={q.id} className="warning" role="status">
          {t('portal.dashboard.lapse', { count: q.available + q.reserved, year: q.year, category: q.category })}
        </p>
      ))}
      {quotas.data && quotas.data.length === 0 && <p>{t('portal.dashboard.none')}</p>}
      {years.map((year) => (
        <section key={year} aria-labelledby={`quota-year-${year}`}>
          <h2 id={`quota-year-${year}`}>{t(year > thisYear ? 'portal.dashboard.nextYear' : 'portal.dashboard.year', { year })}</h2>
          <QuotaTable year={year} quotas={quotas.data!.filter((q) => q.year === year)} />
        </section>
      ))}
      <p className="definitions">{t('portal.dashboard.definitions')}</p>
      <section aria-labelledby="holds-title">
        <h2 id="holds-title">{t('portal.holds.title')}</h2>
        {holds.data && <HoldsTable holds={holds.data.items} quotas={quotas.data ?? []} now={now} at={at} />}
      </section>
    </>
  );
}

function QuotaTable({ year, quotas }: { year: number; quotas: Quota[] }) {
  const { t } = useTranslation();
  return (
    <table className="list">
      <caption>{t('portal.dashboard.caption', { year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.dashboard.category')}</th>
          <th scope="col" className="number">{t('portal.dashboard.granted')}</th>
          <th scope="col" className="number">{t('portal.dashboard.held')}</th>
          <th scope="col" className="number">{t('portal.dashboard.used')}</th>
          <th scope="col" className="number">{t('portal.dashboard.available')}</th>
          <th scope="col">{t('portal.dashboard.bar')}</th>
          <th scope="col">{t('portal.dashboard.ledger')}</th>
        </tr>
      </thead>
      <tbody>
        {quotas.map((q) => (
          <tr key={q.id} data-testid={`quota-${q.year}-${q.category}`}>
            <th scope="row">{q.category}</th>
            <td className="number">{q.granted}</td>
            <td className="number">{q.reserved}</td>
            <td className="number">{q.used}</td>
            <td className="number">{q.available}</td>
            <td>
              <QuotaBar quota={q} />
            </td>
            <td>
              <Link to={`/ministry/quotas/${q.id}/ledger`} aria-label={t('portal.dashboard.ledgerOf', { category: q.category, year: q.year })}>
                {t('portal.dashboard.ledger')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QuotaBar({ quota }: { quota: Quota }) {
  const { t } = useTranslation();
  const share = (n: number) => `${quota.granted > 0 ? (100 * n) / quota.granted : 0}%`;
  const label = t('portal.dashboard.barLabel', { used: quota.used, held: quota.reserved, available: quota.available, granted: quota.granted });
  return (
    <div className="quota-bar" role="img" aria-label={label} title={label}>
      <span className="used" style={{ width: share(quota.used) }} />
      <span className="held" style={{ width: share(quota.reserved) }} />
    </div>
  );
}

function HoldsTable({ holds, quotas, now, at }: { holds: Reservation[]; quotas: Quota[]; now: number; at: (instant: string) => string }) {
  const { t } = useTranslation();
  if (holds.length === 0) return <p>{t('portal.holds.none')}</p>;
  const quotaOf = new Map(quotas.map((q) => [q.id, q]));
  return (
    <table className="list">
      <caption>{t('portal.holds.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.dashboard.category')}</th>
          <th scope="col" className="number">{t('portal.holds.places')}</th>
          <th scope="col">{t('portal.holds.expires')}</th>
          <th scope="col">{t('portal.holds.left')}</th>
        </tr>
      </thead>
      <tbody>
        {holds.map((h) => {
          const quota = quotaOf.get(h.quotaId);
          const left = new Date(h.expiresAt).getTime() - now;
          return (
            <tr key={h.id}>
              <th scope="row">{quota ? `${quota.category} ${quota.year}` : h.quotaId}</th>
              <td className="number">{h.remaining}</td>
              <td>{at(h.expiresAt)}</td>
              <td>{left > 0 ? t('portal.holds.countdown', daysAndHours(left)) : t('portal.holds.expired')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
