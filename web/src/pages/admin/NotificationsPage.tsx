import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCenterZone } from '../BoardPage';
import { FailedNotices } from './FailedNotices';
import { WebhooksSection } from './WebhooksSection';
import './control-room.css';

/** /admin/notifications: the ministries' webhook receivers and the notices that could not be delivered. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const zone = useCenterZone();
  return (
    <>
      <h1>{t('notices.adminTitle')}</h1>
      <ErrorMessage error={zone.error} />
      {zone.data && (
        <>
          <FailedNotices timeZone={zone.data} />
          <WebhooksSection timeZone={zone.data} />
        </>
      )}
    </>
  );
}
