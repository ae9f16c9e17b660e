import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getReferral, getReferralFractions, getReferralMoves, type Referral, type ReferralFraction, type ReferralMove } from '../../api/portal';
import { listReferralNotices } from '../../api/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { NotificationLog } from '../../components/NotificationLog';
import { PatientFiles } from '../course/PatientFiles';
import { ReferralTime } from './ReferralTime';
import { FractionAt } from './ReferralsPage';
import { referralStateText } from './referral-state';
import { localDateAndTime, zoneCity } from './time';
import './portal.css';

/**
 * /ministry/referrals/:id: one referred child: state, first and next fraction in both times, every fraction's room, the moves with
 * their reasons, the patient's letter and calendar, and what the patient and the ministry were told (in the ministry's own hours).
 */
export function ReferralPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const referral = useQuery({ queryKey: ['referrals', id], queryFn: () => getReferral(id), refetchInterval: 10_000 });
  const fractions = useQuery({ queryKey: ['referrals', id, 'fractions'], queryFn: () => getReferralFractions(id), refetchInterval: 10_000 });
  const moves = useQuery({ queryKey: ['referrals', id, 'moves'], queryFn: () => getReferralMoves(id), refetchInterval: 30_000 });
  const notices = useQuery({ queryKey: ['referrals', id, 'notices'], queryFn: () => listReferralNotices(id), refetchInterval: 30_000 });
  const r = referral.data;
  return (
    <>
      <ErrorMessage error={referral.error ?? fractions.error ?? moves.error} />
      {referral.isPending && <p className="loading">{t('common.loading')}</p>}
      {r && (
        <>
          <h1>{t('portal.referral.title', { name: r.patientName })}</h1>
          <dl className="facts">
            <dt>{t('portal.referrals.state')}</dt>
            <dd data-testid="referral-state">{referralStateText(t, i18n.language, r)}</dd>
            {r.firstFraction && (
              <>
                <dt>{t('portal.referrals.first')}</dt>
                <dd data-testid="referral-first">
                  <FractionAt referral={r} at={r.firstFraction} />, {r.firstFraction.roomName}
                </dd>
              </>
            )}
            {r.nextFraction && (
              <>
                <dt>{t('portal.referrals.next')}</dt>
                <dd>
                  <FractionAt referral={r} at={r.nextFraction} />, {r.nextFraction.roomName}
                </dd>
              </>
            )}
          </dl>
          {fractions.data && <FractionsTable referral={r} fractions={fractions.data} />}
          {moves.data && <MovesTable referral={r} moves={moves.data} />}
          {fractions.data && <PatientFiles courseId={r.courseId} patientId={r.patientId} booked={fractions.data.some((f) => f.status === 'BOOKED')} />}
          <section aria-labelledby="referral-notices">
            <h2 id="referral-notices">{t('notices.title')}</h2>
            <ErrorMessage error={notices.error} />
            {notices.data && (
              <NotificationLog notices={notices.data} timeZone={r.ministryTimeZone} caption={t('notices.caption', { city: zoneCity(r.ministryTimeZone) })} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function FractionsTable({ referral, fractions }: { referral: Referral; fractions: ReferralFraction[] }) {
  const { t } = useTranslation();
  if (fractions.length === 0) return <p>{t('portal.referral.noFractions')}</p>;
  return (
    <table className="list">
      <caption>{t('portal.referral.fractions')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.referral.fraction')}</th>
          <th scope="col">{t('portal.referral.yourTime')}</th>
          <th scope="col">{t('portal.referral.centerTime')}</th>
          <th scope="col">{t('portal.referrals.room')}</th>
          <th scope="col">{t('portal.referral.status')}</th>
        </tr>
      </thead>
      <tbody>
        {fractions.map((f) => (
          <tr key={f.id}>
            <th scope="row">
              {f.fraction}/{referral.fractionsTotal}
            </th>
            <td>
              <ReferralTime ministryLocal={f.ministryLocalStart} centerLocal={f.ministryLocalStart} ministryZone={referral.ministryTimeZone} centerZone={referral.ministryTimeZone} />
            </td>
            <td>
              <ReferralTime ministryLocal={f.centerLocalStart} centerLocal={f.centerLocalStart} ministryZone={referral.centerTimeZone} centerZone={referral.centerTimeZone} />
            </td>
            <td>{f.roomName}</td>
            <td>{t(`appointmentStatus.${f.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MovesTable({ referral, moves }: { referral: Referral; moves: ReferralMove[] }) {
  const { t, i18n } = useTranslation();
  if (moves.length === 0) return <p>{t('portal.referral.noMoves')}</p>;
  const place = (room: unknown, local: unknown) =>
    typeof local === 'string' ? `${localDateAndTime(i18n.language, local)}, ${String(room ?? '')}` : t('portal.referral.cancelled');
  return (
    <table className="list">
      <caption>{t('portal.referral.moves')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.referral.fraction')}</th>
          <th scope="col">{t('portal.referral.movedAt')}</th>
          <th scope="col">{t('portal.referral.from')}</th>
          <th scope="col">{t('portal.referral.to')}</th>
          <th scope="col">{t('portal.referral.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {moves.map((m, i) => (
          <tr key={`${m.at}-${m.fraction}-${i}`}>
            <th scope="row">
              {m.fraction}/{referral.fractionsTotal}
            </th>
            <td>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: referral.ministryTimeZone }).format(new Date(m.at))}</td>
            <td>{place(m.fromRoomName, m.fromMinistryLocalStart)}</td>
            <td>{place(m.toRoomName, m.toMinistryLocalStart)}</td>
            <td>{m.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
