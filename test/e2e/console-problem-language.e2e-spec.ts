import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { Api, scheduledCourse, schedulingApp } from './scheduling-fixtures';

describe('problem+json in the language of Accept-Language (kk, ru, ky, en)', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers validation errors in Russian, every field with its code, field names unchanged', async () => {
    const res = await api
      .post('/patients', { firstName: '', lastName: 'X', birthDate: '1980-13-45', sex: 'F', countryCode: 'kz', extra: 1 })
      .set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.8')
      .expect(400);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.title).toBe('Неверный запрос');
    expect(res.body.detail).toMatch(/^Проверьте поля: /);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'countryCode', 'extra', 'firstName', 'sex']);
    const extra = res.body.errors.find((e: { field: string }) => e.field === 'extra');
    expect(extra).toMatchObject({ code: 'whitelistValidation', messages: ['Поле «extra» не предусмотрено'] });
    const birth = res.body.errors.find((e: { field: string }) => e.field === 'birthDate');
    expect(birth.code).toBe('isCalendarDate');
    expect(birth.messages[0]).toMatch(/ГГГГ-ММ-ДД/);
    for (const e of res.body.errors) expect(e.code).toMatch(/^[A-Za-z-]+$/);
  });

  it('answers not found and a refused move in Kazakh, and a state conflict in Kyrgyz', async () => {
    const missing = await api.get('/courses/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'kk').expect(404);
    expect(missing.headers['content-language']).toBe('kk');
    expect(missing.body).toMatchObject({ title: 'Табылмады', detail: 'Табылмады: Курс 00000000-0000-4000-8000-000000000000' });

    const a = await scheduledCourse(t, api, 2);
    const b = await scheduledCourse(t, api, 2);
    const refused = await api
      .post(`/appointments/${b.appts[0].id}/move`, { roomId: a.appts[0].roomId, start: a.appts[0].start })
      .set('Accept-Language', 'kk')
      .expect(409);
    expect(refused.body.title).toBe('Қайшылық');
    expect(refused.body.detail).toMatch(new RegExp(`^${refused.body.rule}-ереже бұзылды: `));
    expect(refused.body.violations.length).toBeGreaterThan(0);

    const submitted = await api.post(`/courses/${a.courseId}/submit`).set('Accept-Language', 'ky').expect(409);
    expect(submitted.body.detail).toBe('Курс SCHEDULED абалында: бул аракет ага жеткиликсиз.');
  });

  it('follows q-values, falls back to English, and keeps English for the default', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const weighted = await api.get(`/courses/${id}`).set('Accept-Language', 'en;q=0.2, ru;q=0.9, kk;q=0.5').expect(404);
    expect(weighted.headers['content-language']).toBe('ru');
    expect(weighted.body.title).toBe('Не найдено');
    const unknown = await api.get(`/courses/${id}`).set('Accept-Language', 'fr-FR, de;q=0.8').expect(404);
    expect(unknown.headers['content-language']).toBe('en');
    expect(unknown.body).toMatchObject({ title: 'Not Found', detail: `Course ${id} was not found` });
    const plain = await api.get(`/courses/${id}`).expect(404);
    expect(plain.body.detail).toBe(`Course ${id} was not found`);
    expect(plain.headers.vary).toMatch(/Accept-Language/i);
  });

  it('translates a wrong login for the sign-in form', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'ru')
      .send({ username: 'coordinator', password: 'wrong-password-here' })
      .expect(401);
    expect(res.body).toMatchObject({ title: 'Требуется вход', detail: 'Неизвестное имя пользователя или неверный пароль.' });
  });
});
