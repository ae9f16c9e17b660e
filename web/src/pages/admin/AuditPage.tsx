import { useQuery } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditCsvHref, listAudit, type AuditFilters } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { localDateTime } from '../../i18n/format';
import { useCenterZone } from '../BoardPage';
import { centerInstant } from './zone-time';
import './control-room.css';

const FILTERS = ['actor', 'action', 'entity', 'from', 'to'] as const;

/** /admin/audit?actor=&action=&entity=&from=&to=: who did what, filtered (in the address, so it can be shared), and its CSV. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zone = useCenterZone();
  const tz = zone.data ?? 'UTC';
  const filters: AuditFilters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as AuditFilters;
  // from/to are typed as center wall times; the API takes instants with an offset.
  const query: AuditFilters = { ...filters, from: filters.from ? centerInstant(tz, filters.from) : '', to: filters.to ? centerInstant(tz, filters.to) : '' };
  const audit = useQuery({ queryKey: ['audit', query], queryFn: () => listAudit(query), enabled: zone.data !== undefined });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const value = String(data.get(f) ?? '').trim();
      if (value) next.set(f, value);
    }
    setParams(next);
  };
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <form className="filters" onSubmit={apply} key={params.toString()} aria-label={t('audit.filters')}>
        {FILTERS.map((f) => (
          <span key={f}>
            <label htmlFor={`audit-${f}`}>{t(`audit.filter.${f}`)}</label>{' '}
            <input id={`audit-${f}`} name={f} type={f === 'from' || f === 'to' ? 'datetime-local' : 'text'} defaultValue={filters[f]} />{' '}
          </span>
        ))}
        <button type="submit">{t('audit.apply')}</button>
      </form>
      <p className="hint">{t('audit.hint')}</p>
      <p>
        <a href={auditCsvHref(query)} download>
          {t('audit.csv')}
        </a>
      </p>
      <ErrorMessage error={zone.error ?? audit.error} />
      {audit.isPending && zone.data && <p className="loading">{t('common.loading')}</p>}
      {audit.data && (
        <table className="list">
          <caption>{t('audit.caption', { n: audit.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.filter.actor')}</th>
              <th scope="col">{t('audit.filter.action')}</th>
              <th scope="col">{t('audit.filter.entity')}</th>
              <th scope="col">{t('audit.entityId')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">{localDateTime(i18n.language, e.at, tz)}</th>
                <td>
                  {e.username} ({e.role}
                  {e.countryCode ? `, ${e.countryCode}` : ''})
                </td>
                <td>{e.action}</td>
                <td>{e.entity}</td>
                <td>{e.entityId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
