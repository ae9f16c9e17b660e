import { conflict, notFound } from '../problem';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { DETAILS, FIELD_MESSAGES, RULES, TITLES } from './catalog';
import { localizeProblem } from './localize-problem';
import { LANGUAGES, negotiateLanguage } from './negotiate';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ru', 'ru'],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['kk-KZ', 'kk'],
    ['KY', 'ky'],
    ['de-DE,ru;q=0.5', 'ru'],
    ['en;q=0.5,kk;q=0.8', 'kk'],
    ['ru;q=0,kk;q=0.1', 'kk'],
    ['ky;q=0.3, ru;q=0.3', 'ky'],
    ['fr, de', 'en'],
    ['*', 'en'],
    ['ru;q=abc', 'en'],
    ['ru;q=2, kk', 'kk'],
  ])('%j → %s', (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang);
  });
});

describe('localizeProblem', () => {
  const filter = new ProblemDetailsFilter();

  it('translates title and a not-found detail, naming the entity in the language', () => {
    const body = filter.toProblem(notFound('Course', 'abc'));
    expect(localizeProblem(body, 'ru')).toMatchObject({ title: 'Не найдено', detail: 'Не найдено: Курс abc' });
    expect(localizeProblem(body, 'ky')).toMatchObject({ title: 'Табылган жок', detail: 'Табылган жок: Курс abc' });
    expect(localizeProblem(body, 'en')).toEqual(body);
  });

  it('names the broken rule of a refused move, and keeps the English detail where the catalog has no match', () => {
    const body = filter.toProblem(conflict('rule-violated', 'Rule 3: overlap', { rule: 3, violations: [] }));
    expect(localizeProblem(body, 'kk').detail).toBe(`3-ереже бұзылды: ${RULES[3].kk}.`);
    const odd = filter.toProblem(conflict('rule-violated', 'Rule 42: ?', { rule: 42 }));
    expect(localizeProblem(odd, 'ru').detail).toBe('Rule 42: ?');
  });

  it('translates a role refusal but leaves other forbidden details in English', () => {
    const role = {
      type: 'https://beamtime.example/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'This action needs the role ADMIN; you are COORDINATOR',
    };
    expect(localizeProblem(role, 'ru')).toMatchObject({ title: 'Доступ запрещён', detail: 'Недостаточно прав для этого действия.' });
    const header = { ...role, detail: 'A change made with the session cookie must carry the header X-Requested-With: beamtime' };
    expect(localizeProblem(header, 'kk')).toMatchObject({ title: 'Қол жеткізуге тыйым салынған', detail: header.detail });
  });

  it('gives every field error a code and translates its messages by code', () => {
    const body = {
      type: 'https://beamtime.example/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'Validation failed: sex, extra',
      errors: [
        { field: 'sex', messages: ['sex must be one of the following values: female, male'], code: 'isIn', codes: ['isIn'] },
        { field: 'extra', messages: ['property extra should not exist'], code: 'whitelistValidation', codes: ['whitelistValidation'] },
      ],
    };
    const ru = localizeProblem(body, 'ru');
    expect(ru.detail).toBe('Проверьте поля: sex, extra');
    expect(ru.errors).toEqual([
      { field: 'sex', messages: ['Недопустимое значение поля «sex»'], code: 'isIn', codes: ['isIn'] },
      { field: 'extra', messages: ['Поле «extra» не предусмотрено'], code: 'whitelistValidation', codes: ['whitelistValidation'] },
    ]);
    const service = filter.toProblem(conflict('unknown-room', 'Room x does not exist', { field: 'roomId' }));
    expect(localizeProblem(service, 'en').errors).toEqual([{ field: 'roomId', messages: ['Room x does not exist'], code: 'unknown-room' }]);
    expect(localizeProblem(service, 'kk').errors).toEqual([{ field: 'roomId', messages: ['Мұндай кабинет жоқ.'], code: 'unknown-room' }]);
  });

  it('has every title, rule, detail and field message in each of the three translated languages', () => {
    const others = LANGUAGES.filter((l) => l !== 'en');
    for (const t of Object.values(TITLES)) for (const l of others) expect(t[l]).toBeTruthy();
    for (const t of Object.values(RULES)) for (const l of others) expect(t[l]).toBeTruthy();
    for (const [slug, entry] of Object.entries(DETAILS)) {
      if (slug === 'unauthorized') continue;
      const text = typeof entry.text === 'function' ? entry.text({}) : entry.text;
      for (const l of others) expect({ slug, l, text: Boolean(text[l]) }).toEqual({ slug, l, text: true });
    }
    for (const f of Object.values(FIELD_MESSAGES)) for (const l of others) expect(f('x')[l]).toContain('x');
  });
});
