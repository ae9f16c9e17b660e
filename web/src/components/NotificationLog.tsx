import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../api/notifications';
import { localDateTime } from '../i18n/format';

/** When the notice ended (delivered, given up) or, while still going, when it is tried next. */
function outcome(notice: Notice): { key: string; at: string | null } {
  if (notice.status === 'DELIVERED') return { key: 'notices.deliveredAt', at: notice.deliveredAt };
  if (notice.status === 'FAILED') return { key: 'notices.failedAt', at: notice.failedAt };
  return { key: 'notices.nextAttemptAt', at: notice.nextAttemptAt };
}

/**
 * Notices as a table, newest first: when made, by which channel to whom, about what, and how it went.
 * Times are in `timeZone`, the zone the page around it speaks in (its caption names it); `concerns` adds a
 * column saying whom a notice was about, for lists that mix patients.
 */
export function NotificationLog({ notices, timeZone, caption, concerns }: { notices: Notice[]; timeZone: string; caption: string; concerns?: (notice: Notice) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const when = (instant: string) => localDateTime(i18n.language, instant, timeZone);
  if (notices.length === 0) return <p>{t('notices.none')}</p>;
  return (
    <table className="list notices">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('notices.created')}</th>
          {concerns && <th scope="col">{t('notices.concerns')}</th>}
          <th scope="col">{t('notices.channel')}</th>
          <th scope="col">{t('notices.recipient')}</th>
          <th scope="col">{t('notices.about')}</th>
          <th scope="col">{t('notices.result')}</th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => {
          const end = outcome(n);
          return (
            <tr key={n.id} data-testid={`notice-${n.id}`}>
              <th scope="row">{when(n.createdAt)}</th>
              {concerns && <td>{concerns(n)}</td>}
              <td>{t(`notices.channel.${n.channel}`)}</td>
              <td className="recipient">{n.recipient}</td>
              <td>
                {n.eventTypes.map((type) => t(`notices.event.${type}`)).join(', ')}
                {n.channel === 'EMAIL' && n.subject && <span className="muted"> · {n.subject}</span>}
              </td>
              <td>
                {t(`notices.status.${n.status}`)}
                {end.at && ` · ${t(end.key, { at: when(end.at) })}`}
                {n.attempts > 1 && ` · ${t('notices.attempts', { n: n.attempts })}`}
                {n.lastError && n.status !== 'DELIVERED' && <span className="muted"> · {t('notices.lastError', { error: n.lastError })}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
