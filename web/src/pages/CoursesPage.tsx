import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listCourses, type CourseFilters } from '../api/endpoints';
import { COURSE_STATUSES, URGENCIES, type LocalInstant } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDate } from '../i18n/format';

const PAGE_SIZE = 25;

function filtersOf(params: URLSearchParams): CourseFilters {
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const text = (key: string) => params.get(key) || undefined;
  return {
    status: text('status'),
    urgency: text('urgency'),
    lateStart: params.get('lateStart') === 'true' || undefined,
    needsRebooking: params.get('needsRebooking') === 'true' || undefined,
    from: text('from'),
    to: text('to'),
    search: text('search'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/** /courses with every filter in the address, so a filtered page is a link too. */
export function CoursesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = filters.offset / PAGE_SIZE + 1;
  const courses = useQuery({ queryKey: ['courses', filters], queryFn: () => listCourses(filters), placeholderData: keepPreviousData });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['status', 'urgency', 'from', 'to', 'search']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    for (const key of ['lateStart', 'needsRebooking']) if (form.get(key)) next.set(key, 'true');
    setParams(next);
  };
  const goTo = (target: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    setParams(next);
  };
  const when = (instant: LocalInstant | null | undefined) => (instant ? formatDate(i18n.language, instant.localDate) : '—');
  const total = courses.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <h1>{t('courses.title')}</h1>
      <form className="filters" onSubmit={apply} aria-label={t('courses.filters')} key={params.toString()}>
        <label>
          {t('courses.status')}
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('courses.any')}</option>
            {COURSE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`courseStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('courses.urgency')}
          <select name="urgency" defaultValue={filters.urgency ?? ''}>
            <option value="">{t('courses.any')}</option>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`urgency.${u}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="lateStart" defaultChecked={filters.lateStart === true} />
          {t('courses.lateStart')}
        </label>
        <label className="check">
          <input type="checkbox" name="needsRebooking" defaultChecked={filters.needsRebooking === true} />
          {t('courses.needsRebooking')}
        </label>
        <label>
          {t('courses.from')}
          <input type="date" name="from" defaultValue={filters.from ?? ''} />
        </label>
        <label>
          {t('courses.to')}
          <input type="date" name="to" defaultValue={filters.to ?? ''} />
        </label>
        <label>
          {t('courses.search')}
          <input type="search" name="search" defaultValue={filters.search ?? ''} />
        </label>
        <button type="submit">{t('courses.apply')}</button>
        <Link to="/courses">{t('courses.reset')}</Link>
      </form>
      <ErrorMessage error={courses.error} />
      {courses.isPending && <p className="loading">{t('common.loading')}</p>}
      {courses.data && (
        <>
          <p role="status">{t('courses.total', { n: total })}</p>
          <table className="list">
            <caption className="sr-only">{t('courses.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('courses.patient')}</th>
                <th scope="col">{t('courses.diagnosis')}</th>
                <th scope="col">{t('courses.urgency')}</th>
                <th scope="col">{t('courses.status')}</th>
                <th scope="col">{t('courses.first')}</th>
                <th scope="col">{t('courses.last')}</th>
                <th scope="col">{t('courses.progress')}</th>
                <th scope="col">{t('courses.markers')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/courses/${c.id}`}>{c.patient?.fullName ?? c.id}</Link>
                    {c.patient?.mrn && <span className="muted"> · {c.patient.mrn}</span>}
                  </td>
                  <td>{t(`diagnosis.${c.diagnosisGroup}`)}</td>
                  <td>{t(`urgency.${c.urgency}`)}</td>
                  <td>{t(`courseStatus.${c.status}`)}</td>
                  <td>{when(c.firstFraction)}</td>
                  <td>{when(c.lastFraction)}</td>
                  <td>{t('courses.progressValue', { delivered: c.delivered ?? 0, total: c.fractions })}</td>
                  <td>
                    {c.lateStart && <span className="badge warn">{t('courses.lateStart')}</span>}
                    {c.needsRebooking && <span className="badge alert">{t('courses.needsRebooking')}</span>}
                    {c.pediatric && <span className="badge">{t('board.child')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {courses.data.items.length === 0 && <p>{t('courses.none')}</p>}
          <nav className="pager" aria-label={t('courses.paging')}>
            <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
              {t('courses.previousPage')}
            </button>
            <span>{t('courses.page', { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
              {t('courses.nextPage')}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
