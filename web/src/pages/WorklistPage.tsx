import { useQuery } from '@tanstack/react-query';
import { FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listMoves } from '../api/endpoints';
import { ErrorMessage } from '../components/ErrorMessage';
import { addDays, todayIn } from '../i18n/format';
import { useCenterZone } from './BoardPage';
import { MoveHistory } from './CoursePage';

/** /worklist?since=YYYY-MM-DD: whom to call after a disruption (moved or cancelled fractions since then). */
export function WorklistPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zone = useCenterZone();
  const sinceId = useId();
  const since = params.get('since') ?? (zone.data ? addDays(todayIn(zone.data), -7) : null);
  const moves = useQuery({ queryKey: ['moves', since], queryFn: () => listMoves(since!), enabled: since !== null, refetchInterval: 30_000 });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('since') ?? '');
    if (value) setParams({ since: value });
  };
  return (
    <>
      <h1>{t('worklist.title')}</h1>
      <p>{t('worklist.intro')}</p>
      <form className="filters" onSubmit={apply} key={since ?? ''}>
        <label htmlFor={sinceId}>{t('worklist.since')}</label>
        <input id={sinceId} name="since" type="date" defaultValue={since ?? ''} />
        <button type="submit">{t('worklist.show')}</button>
      </form>
      <ErrorMessage error={zone.error ?? moves.error} />
      {moves.isPending && since !== null && <p className="loading">{t('common.loading')}</p>}
      {moves.data && <MoveHistory moves={moves.data} showPatient />}
    </>
  );
}
