import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { cancelCourse, deliverAppointment, getCourse, getCourseAppointments, getCourseMoves, missAppointment, submitCourse } from '../api/endpoints';
import type { CourseAppointment, MoveRecord } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { MoveDialog } from '../components/MoveDialog';
import { formatDate, localDateTime } from '../i18n/format';
import { useCenterZone } from './BoardPage';
import { PatientFiles } from './course/PatientFiles';

/** While the worker books a QUEUED course the page asks again every second (see docs/architecture.md). */
const QUEUED_POLL_MS = 1000;

export function CoursePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<CourseAppointment | null>(null);
  const [cancelReason, setCancelReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const course = useQuery({
    queryKey: ['course', id],
    queryFn: () => getCourse(id),
    refetchInterval: (query) => (query.state.data?.status === 'QUEUED' ? QUEUED_POLL_MS : false),
  });
  const status = course.data?.status;
  const appointments = useQuery({ queryKey: ['course', id, 'appointments', status], queryFn: () => getCourseAppointments(id), enabled: !!status });
  const moves = useQuery({ queryKey: ['course', id, 'moves', status], queryFn: () => getCourseMoves(id), enabled: !!status });

  const refresh = async (message: string) => {
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: ['course', id] });
    await queryClient.invalidateQueries({ queryKey: ['board'] });
  };
  const action = useMutation({
    mutationFn: async (run: () => Promise<unknown>) => run(),
    onMutate: () => setDone(null),
    onSuccess: () => refresh(t('common.done')),
  });

  if (course.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (course.error) return <ErrorMessage error={course.error} />;
  const c = course.data;
  const name = c.patient?.fullName ?? '';
  const patientId = c.patient?.id ?? c.patientId;
  const canCancel = !['CANCELLED', 'COMPLETED'].includes(c.status);
  const list = appointments.data ?? [];

  return (
    <>
      <h1>{t('course.title', { name })}</h1>
      <p className="status-line">
        <span>{t('course.status')}: </span>
        <strong aria-live="polite" data-testid="course-status">
          {t(`courseStatus.${c.status}`)}
        </strong>
        {c.status === 'QUEUED' && <span className="muted"> — {t('course.queued')}</span>}
        {c.lateStart && <span className="badge warn">{t('courses.lateStart')}</span>}
        {c.needsRebooking && <span className="badge alert">{t('courses.needsRebooking')}</span>}
      </p>
      {c.reason && <p>{c.reason}</p>}
      <ErrorMessage error={action.error} />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      <div className="toolbar">
        {c.status === 'DRAFT' && (
          <button type="button" disabled={action.isPending} onClick={() => action.mutate(() => submitCourse(id))}>
            {t('course.submit')}
          </button>
        )}
        {canCancel && (
          <span className="inline-form">
            <label>
              {t('course.cancelReason')}
              <input value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} maxLength={500} />
            </label>
            <button
              type="button"
              disabled={action.isPending}
              onClick={() => window.confirm(t('course.cancelConfirm')) && action.mutate(() => cancelCourse(id, cancelReason.trim()))}
            >
              {t('course.cancel')}
            </button>
          </span>
        )}
      </div>

      <section aria-labelledby="course-patient">
        <h2 id="course-patient">{t('course.patient')}</h2>
        <dl className="facts">
          <dt>{t('patient.name')}</dt>
          <dd>{patientId ? <Link to={`/patients/${patientId}`}>{name}</Link> : name}</dd>
          {c.patient?.birthDate && (
            <>
              <dt>{t('patient.birthDate')}</dt>
              <dd>{formatDate(i18n.language, c.patient.birthDate)}</dd>
            </>
          )}
          {c.patient?.mrn && (
            <>
              <dt>{t('patient.mrn')}</dt>
              <dd>{c.patient.mrn}</dd>
            </>
          )}
          {c.patient?.countryCode && (
            <>
              <dt>{t('patient.countryCode')}</dt>
              <dd>{c.patient.countryCode}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="course-prescription">
        <h2 id="course-prescription">{t('course.prescription')}</h2>
        <dl className="facts">
          <dt>{t('course.diagnosisGroup')}</dt>
          <dd>{t(`diagnosis.${c.diagnosisGroup}`)}</dd>
          <dt>{t('course.urgency')}</dt>
          <dd>{t(`urgency.${c.urgency}`)}</dd>
          <dt>{t('course.fractions')}</dt>
          <dd>{t('courses.progressValue', { delivered: c.delivered ?? 0, total: c.fractions })}</dd>
          {c.fractionsPerWeek !== undefined && (
            <>
              <dt>{t('course.fractionsPerWeek')}</dt>
              <dd>{c.fractionsPerWeek}</dd>
            </>
          )}
          {c.fractionMinutes !== undefined && (
            <>
              <dt>{t('course.fractionMinutes')}</dt>
              <dd>{c.fractionMinutes}</dd>
            </>
          )}
          {c.beamMinutes !== undefined && (
            <>
              <dt>{t('course.beamMinutes')}</dt>
              <dd>{c.beamMinutes}</dd>
            </>
          )}
          <dt>{t('course.requiresAnesthesia')}</dt>
          <dd>{c.requiresAnesthesia ? t('common.yes') : t('common.no')}</dd>
          {c.earliestStart && (
            <>
              <dt>{t('course.earliestStart')}</dt>
              <dd>{formatDate(i18n.language, c.earliestStart.slice(0, 10))}</dd>
            </>
          )}
          {c.dueStart && (
            <>
              <dt>{t('course.dueStart')}</dt>
              <dd>{formatDate(i18n.language, c.dueStart.slice(0, 10))}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="course-fractions">
        <h2 id="course-fractions">{t('course.fractionsTable')}</h2>
        <ErrorMessage error={appointments.error} />
        {list.length === 0 && !appointments.isPending && <p>{t('course.noFractions')}</p>}
        {list.length > 0 && (
          <table className="list">
            <caption className="sr-only">{t('course.fractionsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('course.number')}</th>
                <th scope="col">{t('course.date')}</th>
                <th scope="col">{t('course.time')}</th>
                <th scope="col">{t('course.room')}</th>
                <th scope="col">{t('course.status')}</th>
                <th scope="col">{t('course.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <td>{`${a.fraction}/${c.fractions}`}</td>
                  <td>{a.localDate ? formatDate(i18n.language, a.localDate) : a.start}</td>
                  <td>{a.localTime ? `${a.localTime}–${a.localEndTime ?? ''}` : ''}</td>
                  <td>{a.roomName ?? ''}</td>
                  <td>{t(`appointmentStatus.${a.status}`)}</td>
                  <td className="actions">
                    {a.status === 'BOOKED' && (
                      <>
                        <button type="button" disabled={action.isPending} aria-label={t('course.deliverLabel', { n: a.fraction })} onClick={() => action.mutate(() => deliverAppointment(a.id))}>
                          {t('course.deliver')}
                        </button>
                        <button type="button" disabled={action.isPending} aria-label={t('course.missLabel', { n: a.fraction })} onClick={() => action.mutate(() => missAppointment(a.id))}>
                          {t('course.miss')}
                        </button>
                        <button type="button" aria-label={t('course.moveLabel', { n: a.fraction })} onClick={() => setMoving(a)}>
                          {t('course.move')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <PatientFiles courseId={id} patientId={patientId} booked={list.some((a) => a.status === 'BOOKED' || a.status === 'DELIVERED')} />

      <section aria-labelledby="course-moves">
        <h2 id="course-moves">{t('course.moves')}</h2>
        <ErrorMessage error={moves.error} />
        <MoveHistory moves={moves.data ?? []} total={c.fractions} />
      </section>

      {moving && (
        <MoveDialog
          appointment={moving}
          total={c.fractions}
          onClose={(moved) => {
            setMoving(null);
            if (moved) void refresh(t('move.done'));
          }}
        />
      )}
    </>
  );
}

export function MoveHistory({ moves, total, showPatient = false }: { moves: MoveRecord[]; total?: number; showPatient?: boolean }) {
  const { t, i18n } = useTranslation();
  const zone = useCenterZone().data;
  if (moves.length === 0) return <p>{t('course.noMoves')}</p>;
  const place = (at: MoveRecord['from']) => (at ? `${formatDate(i18n.language, at.localDate)} ${at.localTime}, ${at.roomName}` : t('worklist.none'));
  return (
    <table className="list">
      <caption className="sr-only">{t('course.moves')}</caption>
      <thead>
        <tr>
          {showPatient && <th scope="col">{t('courses.patient')}</th>}
          <th scope="col">{t('course.number')}</th>
          <th scope="col">{t('course.movedFrom')}</th>
          <th scope="col">{t('course.movedTo')}</th>
          <th scope="col">{t('course.reason')}</th>
          <th scope="col">{t('course.at')}</th>
        </tr>
      </thead>
      <tbody>
        {moves.map((m) => (
          <tr key={m.id}>
            {showPatient && (
              <td>
                <Link to={`/courses/${m.courseId}`}>{m.patient.fullName}</Link>
              </td>
            )}
            <td>{`${m.fraction}/${m.fractions ?? total ?? ''}`}</td>
            <td>{place(m.from)}</td>
            <td>{m.to && !m.cancelled ? place(m.to) : t('worklist.cancelled')}</td>
            <td>
              {t(`reasonKind.${m.reasonKind}`)}
              {m.reason ? ` — ${m.reason}` : ''}
            </td>
            <td>{zone ? localDateTime(i18n.language, m.at, zone) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
