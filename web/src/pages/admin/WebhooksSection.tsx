import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createWebhook, listWebhooks, removeWebhook, type Webhook } from '../../api/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { localDateTime } from '../../i18n/format';
import { refusalByField } from './admin-errors';

/** 32 random bytes as hex: a signing secret well inside the API's 16–200 characters. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const EMPTY = { countryCode: '', url: '', secret: '' };

/**
 * The ministries' receivers (docs/notifications.md#webhooks): one active per partner country. The API stores the
 * signing secret and never gives it back, so the form shows it once, right after registering, to pass to the ministry.
 */
export function WebhooksSection({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const webhooks = useQuery({ queryKey: ['webhooks'], queryFn: listWebhooks });
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [registered, setRegistered] = useState<{ webhook: Webhook; secret: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });

  const register = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      const webhook = await createWebhook({ countryCode: form.countryCode.trim().toUpperCase(), url: form.url.trim(), secret: form.secret });
      setRegistered({ webhook, secret: form.secret });
      setErrors({});
      setForm(EMPTY);
      await refresh();
    } catch (error) {
      setErrors(refusalByField(error, 'countryCode'));
    }
  };
  const remove = async (webhook: Webhook) => {
    if (!window.confirm(t('webhooks.removeConfirm', { country: webhook.countryCode, url: webhook.url }))) return;
    setNotice(null);
    setRowError(null);
    try {
      await removeWebhook(webhook.id);
      if (registered?.webhook.id === webhook.id) setRegistered(null);
      setNotice(t('webhooks.removed', { country: webhook.countryCode }));
      await refresh();
    } catch (error) {
      setRowError(error);
    }
  };
  const active = webhooks.data?.filter((w) => w.active) ?? [];
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p className="hint">{t('webhooks.intro')}</p>
      <ErrorMessage error={webhooks.error ?? rowError} />
      {notice && <p role="status">{notice}</p>}
      {registered && (
        <div role="status" className="issued-link">
          <p>{t('webhooks.registered', { country: registered.webhook.countryCode })}</p>
          <label>
            {t('webhooks.secretShownOnce')}
            <input readOnly value={registered.secret} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      )}
      {webhooks.data && active.length === 0 && <p>{t('webhooks.none')}</p>}
      {active.length > 0 && (
        <table className="list">
          <caption>{t('webhooks.caption', { n: active.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.country')}</th>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.registeredBy')}</th>
              <th scope="col">{t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.countryCode}</th>
                <td className="recipient">{w.url}</td>
                <td>{t('webhooks.byAt', { by: w.createdBy, at: localDateTime(i18n.language, w.createdAt, timeZone) })}</td>
                <td>
                  <button type="button" onClick={() => void remove(w)} aria-label={t('webhooks.removeLabel', { country: w.countryCode })}>
                    {t('webhooks.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void register(e)} noValidate className="form" aria-labelledby="webhook-add-title">
        <h3 id="webhook-add-title">{t('webhooks.addTitle')}</h3>
        <FormField name="countryCode" label={t('webhooks.country')} errors={errors}>
          {(props) => <input {...props} maxLength={2} autoComplete="off" value={form.countryCode} onChange={(e) => setForm({ ...form, countryCode: e.target.value })} />}
        </FormField>
        <FormField name="url" label={t('webhooks.url')} errors={errors}>
          {(props) => <input {...props} type="url" autoComplete="off" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />}
        </FormField>
        <FormField name="secret" label={t('webhooks.secret')} hint={t('webhooks.secretHint')} errors={errors}>
          {(props) => <input {...props} autoComplete="off" value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} />}
        </FormField>
        <button type="button" onClick={() => setForm({ ...form, secret: newSecret() })}>
          {t('webhooks.generate')}
        </button>{' '}
        <button type="submit">{t('webhooks.add')}</button>
      </form>
    </section>
  );
}
