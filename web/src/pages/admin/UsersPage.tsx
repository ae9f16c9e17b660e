import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, listUsers, updateUser, type CreateUser, type User } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { refusalByField } from './admin-errors';
import './control-room.css';

const ROLES = ['COORDINATOR', 'MINISTRY', 'ADMIN'] as const;

/** /admin/users: accounts; a ministry account is bound to its country; passwords reset and accounts deactivated. */
export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: listUsers });
  const [form, setForm] = useState({ username: '', password: '', role: 'COORDINATOR', countryCode: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<{ user: User; password: string; errors: FieldErrors } | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      const body = { username: form.username, password: form.password, role: form.role, ...(form.role === 'MINISTRY' ? { countryCode: form.countryCode.toUpperCase() } : {}) } as CreateUser;
      await createUser(body);
      setErrors({});
      setForm({ username: '', password: '', role: 'COORDINATOR', countryCode: '' });
      setNotice(t('users.created', { name: body.username }));
      await refresh();
    } catch (error) {
      setErrors(refusalByField(error, 'username'));
    }
  };
  const reset = async (event: FormEvent) => {
    event.preventDefault();
    if (!resetting) return;
    try {
      await updateUser(resetting.user.id, { password: resetting.password });
      setNotice(t('users.passwordReset', { name: resetting.user.username }));
      setResetting(null);
    } catch (error) {
      setResetting({ ...resetting, errors: refusalByField(error, 'password') });
    }
  };
  const deactivate = async (user: User) => {
    setNotice(null);
    setRowError(null);
    try {
      await updateUser(user.id, { active: false });
      setNotice(t('users.deactivated', { name: user.username }));
      await refresh();
    } catch (error) {
      setRowError(error);
    }
  };

  return (
    <>
      <h1>{t('users.title')}</h1>
      <ErrorMessage error={users.error ?? rowError} />
      {notice && <p role="status">{notice}</p>}
      {users.data && (
        <table className="list">
          <caption>{t('users.caption', { n: users.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('login.username')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.country')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.username}</th>
                <td>{t(`users.role.${u.role}`)}</td>
                <td>{u.countryCode ?? ''}</td>
                <td>{t(u.active ? 'users.active' : 'users.inactive')}</td>
                <td>
                  <button type="button" onClick={() => setResetting({ user: u, password: '', errors: {} })} aria-label={t('users.resetLabel', { name: u.username })}>
                    {t('users.reset')}
                  </button>{' '}
                  {u.active && (
                    <button type="button" onClick={() => void deactivate(u)} aria-label={t('users.deactivateLabel', { name: u.username })}>
                      {t('users.deactivate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <form onSubmit={(e) => void reset(e)} noValidate className="form" aria-labelledby="user-reset-title">
          <h2 id="user-reset-title">{t('users.resetTitle', { name: resetting.user.username })}</h2>
          <FormField name="password" label={t('users.newPassword')} errors={resetting.errors}>
            {(props) => <input {...props} type="password" autoComplete="new-password" value={resetting.password} onChange={(e) => setResetting({ ...resetting, password: e.target.value })} />}
          </FormField>
          <button type="submit">{t('users.resetSubmit')}</button>{' '}
          <button type="button" onClick={() => setResetting(null)}>
            {t('downtimes.back')}
          </button>
        </form>
      )}
      <form onSubmit={(e) => void add(e)} noValidate className="form" aria-labelledby="user-add-title">
        <h2 id="user-add-title">{t('users.addTitle')}</h2>
        <FormField name="username" label={t('login.username')} errors={errors}>
          {(props) => <input {...props} autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
        </FormField>
        <FormField name="password" label={t('login.password')} errors={errors}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </FormField>
        <FormField name="role" label={t('users.role')} errors={errors}>
          {(props) => (
            <select {...props} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`users.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {form.role === 'MINISTRY' && (
          <FormField name="countryCode" label={t('users.countryOfMinistry')} errors={errors}>
            {(props) => <input {...props} maxLength={2} value={form.countryCode} onChange={(e) => setForm({ ...form, countryCode: e.target.value })} />}
          </FormField>
        )}
        <button type="submit">{t('users.add')}</button>
      </form>
    </>
  );
}
