import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listReferrals, type FractionTime, type Referral } from '../../api/portal';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../i18n/format';
import { ReferralTime } from './ReferralTime';
import { referralStateText } from './referral-state';
import './portal.css';

/** /ministry/referrals: the country's referred patients, their state in words and their fractions in both times. */
export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const referrals = useQuery({ queryKey: ['referrals'], queryFn: () => listReferrals(), refetchInterval: 30_000 });
  const items = referrals.data?.items ?? [];
  return (
    <>
      <h1>{t('portal.referrals.title')}</h1>
      <ErrorMessage error={referrals.error} />
      {referrals.isPending && <p className="loading">{t('common.loading')}</p>}
      {referrals.data && items.length === 0 && <p>{t('portal.referrals.none')}</p>}
      {items.length > 0 && (
        <table className="list">
          <caption>{t('portal.referrals.caption', { n: referrals.data!.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.referrals.patient')}</th>
              <th scope="col">{t('portal.referrals.state')}</th>
              <th scope="col">{t('portal.referrals.first')}</th>
              <th scope="col">{t('portal.referrals.next')}</th>
              <th scope="col">{t('portal.referrals.room')}</th>
              <th scope="col">{t('portal.referrals.referredOn')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/ministry/referrals/${r.id}`}>{r.patientName}</Link>
                </th>
                <td>{referralStateText(t, i18n.language, r)}</td>
                <td>{r.firstFraction && <FractionAt referral={r} at={r.firstFraction} />}</td>
                <td>{r.nextFraction && <FractionAt referral={r} at={r.nextFraction} />}</td>
                <td>{(r.nextFraction ?? r.firstFraction)?.roomName}</td>
                <td>{formatDate(i18n.language, r.createdAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function FractionAt({ referral, at }: { referral: Referral; at: FractionTime }) {
  return <ReferralTime ministryLocal={at.ministryLocalStart} centerLocal={at.centerLocalStart} ministryZone={referral.ministryTimeZone} centerZone={referral.centerTimeZone} />;
}
