import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getLedger, ledgerCsvHref } from '../../api/portal';
import { ErrorMessage } from '../../components/ErrorMessage';
import './portal.css';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** /ministry/quotas/:id/ledger: every grant, hold, use, release, expiry and return of one quota, and its CSV. */
export function LedgerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const ledger = useQuery({ queryKey: ['ledger', id], queryFn: () => getLedger(id) });
  const report = ledger.data;
  const at = (instant: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
  return (
    <>
      <ErrorMessage error={ledger.error} />
      {ledger.isPending && <p className="loading">{t('common.loading')}</p>}
      {report && (
        <>
          <h1>{t('portal.ledger.title', { category: report.quota.category, year: report.quota.year })}</h1>
          <p>
            <a href={ledgerCsvHref(id)} download>
              {t('portal.ledger.csv')}
            </a>
          </p>
          <p role="status">{t(report.consistent ? 'portal.ledger.consistent' : 'portal.ledger.inconsistent')}</p>
          <table className="list">
            <caption>{t('portal.ledger.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.ledger.at')}</th>
                <th scope="col">{t('portal.ledger.kind')}</th>
                <th scope="col" className="number">{t('portal.dashboard.granted')}</th>
                <th scope="col" className="number">{t('portal.dashboard.held')}</th>
                <th scope="col" className="number">{t('portal.dashboard.used')}</th>
                <th scope="col">{t('portal.ledger.by')}</th>
              </tr>
            </thead>
            <tbody>
              {report.entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{at(e.at)}</th>
                  <td>{t(`portal.ledgerKind.${e.kind}`, { defaultValue: e.kind })}</td>
                  <td className="number">{signed(e.deltaGranted)}</td>
                  <td className="number">{signed(e.deltaReserved)}</td>
                  <td className="number">{signed(e.deltaUsed)}</td>
                  <td>{e.actorUsername}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
