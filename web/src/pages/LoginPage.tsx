import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { getMe, login } from '../api/endpoints';
import { useErrorText } from '../components/ErrorMessage';
import { LanguageSwitcher } from '../components/LanguageSwitcher';

/** Only a path of this site: an open redirect through ?next= would hand the session's user to another site. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const notice = params.get('notice');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await login(username, password);
      // Replace the cached 401 of the last try, or the session guard would send us straight back here.
      queryClient.setQueryData(['me'], await getMe());
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 401 ? t('login.failed') : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <h1>{t('login.title')}</h1>
      {notice === 'expired' && <p className="notice" role="status">{t('login.expired')}</p>}
      {notice === 'signedOut' && <p className="notice" role="status">{t('login.signedOut')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="login-username">{t('login.username')}</label>
        <input id="login-username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <LanguageSwitcher />
    </main>
  );
}
