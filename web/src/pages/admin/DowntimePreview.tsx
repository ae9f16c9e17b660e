import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChangePreview, PreviewFraction, ReschedulePreview } from '../../api/control-room';
import { localDateTime } from '../../i18n/format';

/** What a downtime change would do, before it is done: fractions moved or cancelled (and where they go), days freed. */
export function DowntimePreview({ reschedule, opened, zone }: { reschedule?: ReschedulePreview | null; opened?: ChangePreview['opened'] | null; zone: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="downtime-preview">
      {reschedule && (
        <>
          <p role="status">{t('downtimes.previewCounts', { hit: reschedule.hit, moved: reschedule.moved, cancelled: reschedule.cancelled })}</p>
          <FractionTable caption={t('downtimes.previewCaption')} fractions={reschedule.fractions} zone={zone} />
          {[...reschedule.unschedulable, ...reschedule.interrupted].map((note) => (
            <p key={`${note.courseId}-${note.reason}`} className="warning">
              <Link to={`/courses/${note.courseId}`}>{t('downtimes.course')}</Link>: {note.reason}
            </p>
          ))}
        </>
      )}
      {opened && (
        <>
          <p role="status">{t('downtimes.openedCounts', { days: opened.openedDays.length, courses: opened.coursesConcerned, fractions: opened.fractions.length })}</p>
          {opened.fractions.length > 0 && <FractionTable caption={t('downtimes.openedCaption')} fractions={opened.fractions} zone={zone} />}
        </>
      )}
    </div>
  );
}

function FractionTable({ caption, fractions, zone }: { caption: string; fractions: PreviewFraction[]; zone: string }) {
  const { t, i18n } = useTranslation();
  const slot = (s: PreviewFraction['from']) => (s ? `${localDateTime(i18n.language, s.start, zone)}, ${s.roomName}` : '—');
  return (
    <table className="list">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('downtimes.course')}</th>
          <th scope="col">{t('course.number')}</th>
          <th scope="col">{t('downtimes.outcome')}</th>
          <th scope="col">{t('course.movedFrom')}</th>
          <th scope="col">{t('course.movedTo')}</th>
          <th scope="col">{t('course.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {fractions.map((f, i) => (
          <tr key={`${f.courseId}-${f.fraction}-${i}`} data-appointment-id={typeof f.appointmentId === 'string' ? f.appointmentId : ''} data-outcome={f.outcome} data-to={f.to ? `${f.to.roomId}@${f.to.start}` : ''}>
            <th scope="row">
              <Link to={`/courses/${f.courseId}`}>{f.courseId.slice(0, 8)}</Link>
            </th>
            <td>{f.fraction}</td>
            <td>{t(`downtimes.outcome.${f.outcome}`)}</td>
            <td>{slot(f.from)}</td>
            <td>{f.outcome === 'CANCELLED' ? t('downtimes.outcome.CANCELLED') : slot(f.to)}</td>
            <td>{f.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
