import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { forecastChartHref, getForecast, type ForecastDetail, type ForecastFigure, type ForecastHeadline } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../i18n/format';
import './control-room.css';

const FIGURES: ForecastFigure[] = ['medianWaitDays', 'waitDays', 'queueAtEnd', 'lateStarts', 'unschedulable', 'arrivalsPerYear'];

/** /forecasts/:id (and ?with=:other for two side by side): the headline against the target, each figure defined, the chart. */
export function ForecastPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const other = params.get('with');
  const { t } = useTranslation();
  return (
    <>
      <h1>{other ? t('forecasts.compareTitle') : t('forecasts.oneTitle')}</h1>
      <p>
        <Link to="/forecasts">{t('forecasts.back')}</Link>
      </p>
      <div className={other ? 'side-by-side' : undefined}>
        <ForecastColumn id={id} />
        {other && <ForecastColumn id={other} />}
      </div>
      <dl className="definitions" aria-label={t('forecasts.definitionsTitle')}>
        <div>
          <dt>{t('forecasts.headlineLabel')}</dt>
          <dd>{t('forecasts.define.headline')}</dd>
        </div>
        <div>
          <dt>{t('forecasts.headlineYearLabel')}</dt>
          <dd>{t('forecasts.define.headlineYear')}</dd>
        </div>
        {FIGURES.map((f) => (
          <div key={f}>
            <dt>{t(`forecasts.figure.${f}`)}</dt>
            <dd>{t(`forecasts.define.${f}`)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('forecasts.bandLabel')}</dt>
          <dd>{t('forecasts.define.band')}</dd>
        </div>
      </dl>
    </>
  );
}

function ForecastColumn({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const forecast = useQuery({
    queryKey: ['forecasts', id],
    queryFn: () => getForecast(id),
    refetchInterval: (query) => (query.state.data && (query.state.data.status === 'DONE' || query.state.data.status === 'FAILED') ? false : 2_000),
  });
  const f = forecast.data;
  return (
    <section aria-label={t('forecasts.columnLabel', { id: id.slice(0, 8) })} data-testid={`forecast-${id}`}>
      <ErrorMessage error={forecast.error} />
      {forecast.isPending && <p className="loading">{t('common.loading')}</p>}
      {f && f.status !== 'DONE' && <p role="status">{t(`forecasts.state.${f.status}`, { percent: Math.round(100 * f.progress) })}{f.error ? `: ${f.error}` : ''}</p>}
      {f?.result && <Result forecast={f} lang={i18n.language} />}
    </section>
  );
}

/** The one figure to act on, and this calendar year's actual + forecast when the horizon reaches 31 December. */
export function Headline({ headline }: { headline: ForecastHeadline }) {
  const { t } = useTranslation();
  const s = headline.coursesStartedPerYear;
  const y = headline.currentYear;
  return (
    <>
      <p className="headline" data-testid="forecast-headline">
        {t('forecasts.headline', { p50: Math.round(s.p50), p10: Math.round(s.p10), p90: Math.round(s.p90), target: headline.target, percent: Math.round(100 * headline.probabilityReachingTarget) })}
      </p>
      {y && (
        <p className="headline" data-testid="forecast-headline-year">
          {t('forecasts.headlineYear', {
            year: y.year,
            done: y.startedToDate,
            rest: Math.round(y.restOfYear.p50),
            p10: Math.round(y.restOfYear.p10),
            p90: Math.round(y.restOfYear.p90),
            total: Math.round(y.total.p50),
            target: headline.target,
            percent: Math.round(100 * y.probabilityReachingTarget),
          })}
        </p>
      )}
    </>
  );
}

function Result({ forecast, lang }: { forecast: ForecastDetail; lang: string }) {
  const { t } = useTranslation();
  const r = forecast.result!;
  const y = r.year;
  const scenario = typeof r.meta?.scenario === 'string' ? r.meta.scenario : null;
  const band = (b: { p10: number; p50: number; p90: number }) => t('forecasts.band', { p50: Math.round(b.p50), p10: Math.round(b.p10), p90: Math.round(b.p90) });
  return (
    <>
      <h2>{t('forecasts.horizonTitle', { from: formatDate(lang, r.from), to: formatDate(lang, r.to), runs: r.runs, seed: r.seed })}</h2>
      {scenario && <p data-testid="forecast-scenario">{t('forecasts.scenario', { text: scenario === 'as is' ? t('forecasts.asIs') : scenario })}</p>}
      <Headline headline={r.headline} />
      <table className="list">
        <caption>{t('forecasts.figuresCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('forecasts.figureColumn')}</th>
            <th scope="col">{t('forecasts.bandLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((name) => (
            <tr key={name}>
              <th scope="row">{t(`forecasts.figure.${name}`)}</th>
              <td>{band(y[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <img className="chart" src={forecastChartHref(forecast.id)} alt={t('forecasts.chartAlt', { from: formatDate(lang, r.from), to: formatDate(lang, r.to) })} />
    </>
  );
}
