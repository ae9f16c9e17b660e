import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAlternatives, moveAppointment } from '../api/endpoints';
import type { CourseAppointment } from '../api/types';
import { formatDate } from '../i18n/format';
import { ErrorMessage } from './ErrorMessage';

interface MoveDialogProps {
  appointment: CourseAppointment;
  total: number;
  onClose: (moved: boolean) => void;
}

/**
 * Lists the places the server computed with the same rule checker that guards /move, best first; the
 * coordinator picks one. A native modal <dialog>: focus moves in, Escape closes, focus returns to the opener.
 */
export function MoveDialog({ appointment, total, onClose }: MoveDialogProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const alternatives = useQuery({ queryKey: ['alternatives', appointment.id], queryFn: () => getAlternatives(appointment.id), staleTime: 0 });
  const move = useMutation({
    mutationFn: (target: { start: string; roomId: string }) => moveAppointment(appointment.id, { ...target, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: () => onClose(true),
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" onCancel={() => onClose(false)}>
      <h2 id={titleId}>{t('move.title', { n: appointment.fraction, total })}</h2>
      <p>
        {t('move.current', {
          date: appointment.localDate ? formatDate(i18n.language, appointment.localDate) : '',
          time: appointment.localTime ?? '',
          room: appointment.roomName ?? '',
        })}
      </p>
      <label htmlFor={reasonId}>{t('move.reason')}</label>
      <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <ErrorMessage error={alternatives.error ?? move.error} />
      {alternatives.isPending && <p className="loading">{t('move.loading')}</p>}
      {alternatives.data && alternatives.data.length === 0 && <p>{t('move.none')}</p>}
      {alternatives.data && alternatives.data.length > 0 && (
        <ul className="alternatives" aria-label={t('move.suggestions')}>
          {alternatives.data.map((option) => {
            const text = t('move.option', { date: formatDate(i18n.language, option.localDate), time: option.localTime, room: option.roomName });
            return (
              <li key={`${option.roomId}-${option.start}`}>
                <button type="button" disabled={move.isPending} onClick={() => move.mutate({ start: option.start, roomId: option.roomId })}>
                  {text}
                </button>
                <span className="muted">{option.sameDay ? t('move.sameDay') : t('move.otherDay')}</span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => onClose(false)}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
