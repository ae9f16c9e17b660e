import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client';

/** 409s that mean another person's change won; other 409s are the rules refusing the action itself. */
const RACES = ['concurrent-update', 'schedule-conflict', 'stale', 'version-conflict'];

/** What went wrong, in the user's language: the server's own (translated) detail when it gave one. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof NetworkError) return t('errors.network');
    if (error instanceof ApiError) {
      const detail = error.problem.detail ?? error.problem.title ?? '';
      if (error.status === 409) return RACES.some((slug) => error.problem.type?.endsWith(`/${slug}`)) ? t('errors.conflict', { detail }) : t('errors.refused', { detail });
      if (error.status === 403) return t('errors.forbidden', { detail });
      if (error.status === 404) return t('errors.notFound');
      if (error.status === 429) return t('errors.tooMany');
      if (error.status >= 500) return t('errors.server');
      return t('errors.refused', { detail });
    }
    return t('errors.unexpected');
  };
}

export function ErrorMessage({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {text(error)}
    </p>
  );
}
