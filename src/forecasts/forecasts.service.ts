import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { forecastChartSpec } from '../charts/forecast-chart';
import { renderVegaLiteSvg } from '../charts/svg-renderer';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import type { Actor } from '../common/request-context';
import type { CreateForecastDto } from './dto/create-forecast.dto';
import { Forecast, ForecastStatus } from './forecast.entity';
import { ForecastJobs, LOST_AFTER_MS } from './forecast-jobs';
import type { ForecastRequest } from './forecast-request';
import { categoryKey, profileMinutes, scenarioLabel, DEFAULT_BEAM_OFFSET_MINUTES } from '../scheduling';
import type { DowntimeSpec, PatientCategory, Urgency } from '../scheduling';

const PATIENT_CATEGORIES: PatientCategory[] = ['ADULT', 'PEDIATRIC'];
const URGENCIES: Urgency[] = ['EMERGENCY', 'URGENT', 'ROUTINE'];
/** The category keys history-estimated and default arrivals use, plus the patient categories and urgencies scaleArrivals matches. */
const SCALE_KEYS = new Set<string>([
  ...PATIENT_CATEGORIES,
  ...URGENCIES,
  ...PATIENT_CATEGORIES.flatMap((p) => URGENCIES.flatMap((u) => [categoryKey(p, u, false), categoryKey(p, u, true)])),
]);
const isKnownScaleKey = (key: string) => SCALE_KEYS.has(key) || key.startsWith('QUOTA_');

export interface ForecastView {
  id: string;
  status: ForecastStatus;
  progress: number;
  createdAt: string;
  finishedAt: string | null;
  error?: string;
  result?: Forecast['result'];
}

@Injectable()
export class ForecastsService {
  private readonly logger = new Logger(ForecastsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: ForecastJobs,
    private readonly centerConfig: CenterConfigService,
  ) {}

  async create(dto: CreateForecastDto, actor: Actor): Promise<{ id: string; status: ForecastStatus }> {
    const request = await this.validatedRequest(dto);
    const row = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Forecast);
      const saved = await repo.save(repo.create({ input: request, createdBy: actor.username, status: 'QUEUED', progress: 0 }));
      await this.audit.record(m, {
        action: 'forecast.create',
        entity: 'forecast',
        entityId: saved.id,
        details: { horizonWeeks: request.horizonWeeks, runs: request.runs, seed: request.seed, changes: request.changes ?? null },
      });
      return saved;
    });
    // After commit: the worker must find the row. If Redis is down the row stays QUEUED and the
    // next GET re-enqueues it.
    await this.jobs.enqueue(row.id);
    return { id: row.id, status: row.status };
  }

  async get(id: string): Promise<ForecastView> {
    const repo = this.dataSource.getRepository(Forecast);
    let row = await repo.findOneBy({ id });
    if (!row) throw notFound('forecast', id);
    if (row.status === 'QUEUED' && Date.now() - row.createdAt.getTime() > LOST_AFTER_MS) await this.jobs.requeueIfLost(row.id);
    if (row.status === 'RUNNING' && (await this.jobs.settleIfAbandoned(row.id))) row = (await repo.findOneBy({ id }))!;
    return {
      id: row.id,
      status: row.status,
      progress: row.progress,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      ...(row.error ? { error: row.error } : {}),
      ...(row.status === 'DONE' && row.result ? { result: row.result } : {}),
    };
  }

  async chartSvg(id: string): Promise<string> {
    const row = await this.dataSource.getRepository(Forecast).findOneBy({ id });
    if (!row) throw notFound('forecast', id);
    if (row.status !== 'DONE' || !row.result) {
      throw conflict('forecast-not-ready', `forecast ${id} is ${row.status}; the chart exists once it is DONE`, { forecastStatus: row.status });
    }
    const meta = (row.result as { meta?: { scenario?: string } }).meta;
    return renderVegaLiteSvg(
      forecastChartSpec(row.result, `Capacity forecast ${row.result.from} → ${row.result.to}`, meta?.scenario ?? scenarioLabel(row.input.changes)),
    );
  }

  /** Defaults filled in, and the checks a DTO cannot express (rooms exist, downtimes ordered). */
  private async validatedRequest(dto: CreateForecastDto): Promise<ForecastRequest> {
    const changes = dto.changes;
    const downtimes: DowntimeSpec[] = [];
    if (changes?.downtimes?.length) {
      const center = await this.centerConfig.load();
      const rooms = new Set(center.rooms.map((r) => r.id));
      const byName = new Map(center.rooms.map((r) => [(r.name ?? r.id).toLowerCase(), r.id]));
      changes.downtimes.forEach((d, i) => {
        if (!(Date.parse(d.end) > Date.parse(d.start))) {
          throw badRequest('invalid-downtime', `changes.downtimes[${i}]: end must be after start`, {
            errors: [{ field: `changes.downtimes.${i}.end`, messages: ['end must be after start'] }],
          });
        }
        // Rooms by name, as people know them; an id still works.
        let roomId = d.roomId ?? null;
        if (d.room !== undefined) {
          const named = byName.get(d.room.trim().toLowerCase());
          if (!named)
            throw unprocessable('unknown-room', `changes.downtimes[${i}]: there is no room named ${d.room}`, { field: `changes.downtimes.${i}.room` });
          if (roomId !== null && roomId !== named) {
            throw badRequest('validation', `changes.downtimes[${i}]: room and roomId name different rooms`, {
              errors: [{ field: `changes.downtimes.${i}.room`, messages: ['room and roomId name different rooms'] }],
            });
          }
          roomId = named;
        }
        if (roomId !== null && !rooms.has(roomId)) {
          throw unprocessable('unknown-room', `changes.downtimes[${i}]: room ${roomId} does not exist`, { field: `changes.downtimes.${i}.roomId` });
        }
        downtimes.push({ roomId, start: d.start, end: d.end, reason: 'forecast scenario' });
      });
    }
    const keys = new Set<string>();
    (dto.arrivals ?? []).forEach((a, i) => {
      if (keys.has(a.key)) throw badRequest('duplicate-arrival-key', `arrival category ${a.key} is listed twice`);
      keys.add(a.key);
      // The simulation cannot draw a course shape from weights that are all 0: refuse it here
      // rather than accept the forecast and let it fail in the worker.
      if (a.ratePerWeek > 0 && !a.profiles.some((p) => p.weight > 0)) {
        const field = `arrivals.${i}.profiles`;
        const message = 'at least one profile needs a positive weight when ratePerWeek is above 0';
        throw badRequest('validation', `${field}: ${message}`, { errors: [{ field, messages: [message] }] });
      }
      // The same rule as POST /courses: the beam (after the default 10 min of set-up) must fit in the fraction.
      a.profiles.forEach((p, j) => {
        const { fractionMinutes, beamMinutes } = profileMinutes(a, p);
        if (DEFAULT_BEAM_OFFSET_MINUTES + beamMinutes > fractionMinutes) {
          throw unprocessable(
            'beam-outside-fraction',
            `arrivals[${i}].profiles[${j}]: ${DEFAULT_BEAM_OFFSET_MINUTES} min set-up + ${beamMinutes} min beam do not fit in a ${fractionMinutes}-min fraction`,
            { field: `arrivals.${i}.profiles.${j}.beamMinutes` },
          );
        }
      });
    });
    // A scale for a category no forecast can have (a typo such as "PEDIATRIK") would silently change nothing.
    for (const key of Object.keys(changes?.categoryScale ?? {})) {
      if (!keys.has(key) && !isKnownScaleKey(key)) {
        const field = `changes.categoryScale.${key}`;
        const message = `${key} is not a category: use ADULT, PEDIATRIC, an urgency, a key such as ADULT_ROUTINE or PEDIATRIC_URGENT_ANESTHESIA, a QUOTA_ key, or one of the request's arrival keys`;
        throw badRequest('validation', `${field}: ${message}`, { errors: [{ field, messages: [message] }] });
      }
    }
    return {
      horizonWeeks: dto.horizonWeeks ?? 52,
      runs: dto.runs ?? 200,
      seed: dto.seed ?? 1,
      historyWeeks: dto.historyWeeks ?? 26,
      includeQuotaDemand: dto.includeQuotaDemand ?? true,
      ...(dto.arrivals ? { arrivals: dto.arrivals.map((a) => ({ ...a, profiles: a.profiles.map((p) => ({ ...p })) })) } : {}),
      ...(changes
        ? {
            changes: {
              ...changes,
              downtimes: changes.downtimes ? downtimes : undefined,
            },
          }
        : {}),
      ...(dto.target !== undefined ? { target: dto.target } : {}),
    };
  }
}
