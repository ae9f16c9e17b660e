import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoom, listRooms, updateRoom, type Room } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { refusalByField } from './admin-errors';
import './control-room.css';

/** /admin/rooms: the treatment rooms; adding, renaming and (de)activating, the server's refusals next to what they concern. */
export function RoomsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rooms = useQuery({ queryKey: ['rooms'], queryFn: listRooms });
  const [form, setForm] = useState({ name: '', kind: 'GANTRY' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['rooms'] });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      await createRoom({ name: form.name, kind: form.kind, active: true } as Parameters<typeof createRoom>[0]);
      setErrors({});
      setForm({ name: '', kind: 'GANTRY' });
      setNotice(t('rooms.added'));
      await refresh();
    } catch (error) {
      setErrors(refusalByField(error, 'name'));
    }
  };
  const toggle = async (room: Room) => {
    setNotice(null);
    try {
      await updateRoom(room.id, { active: !room.active });
      setRowErrors((e) => ({ ...e, [room.id]: '' }));
      await refresh();
    } catch (error) {
      setRowErrors((e) => ({ ...e, [room.id]: refusalByField(error, 'active').active?.join(' ') ?? t('errors.unexpected') }));
    }
  };

  return (
    <>
      <h1>{t('rooms.title')}</h1>
      <ErrorMessage error={rooms.error} />
      {notice && <p role="status">{notice}</p>}
      {rooms.data && (
        <table className="list">
          <caption>{t('rooms.caption', { n: rooms.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rooms.name')}</th>
              <th scope="col">{t('rooms.kind')}</th>
              <th scope="col">{t('rooms.state')}</th>
              <th scope="col">{t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rooms.data.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{t(`rooms.kind.${r.kind}`)}</td>
                <td>{t(r.active ? 'rooms.active' : 'rooms.inactive')}</td>
                <td>
                  <button type="button" onClick={() => void toggle(r)} aria-label={t(r.active ? 'rooms.deactivateLabel' : 'rooms.activateLabel', { name: r.name })}>
                    {t(r.active ? 'rooms.deactivate' : 'rooms.activate')}
                  </button>
                  {rowErrors[r.id] && (
                    <p role="alert" className="field-error">
                      {rowErrors[r.id]}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void add(e)} noValidate className="form" aria-labelledby="room-add-title">
        <h2 id="room-add-title">{t('rooms.addTitle')}</h2>
        <FormField name="name" label={t('rooms.name')} errors={errors}>
          {(props) => <input {...props} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </FormField>
        <FormField name="kind" label={t('rooms.kind')} errors={errors}>
          {(props) => (
            <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="GANTRY">{t('rooms.kind.GANTRY')}</option>
              <option value="FIXED_BEAM">{t('rooms.kind.FIXED_BEAM')}</option>
            </select>
          )}
        </FormField>
        <button type="submit">{t('rooms.add')}</button>
      </form>
    </>
  );
}
