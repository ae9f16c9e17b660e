import { CountriesModule } from './countries/countries.module';
import { QuotaHoldsWorkerModule } from './quotas/quota-holds-worker.module';
import { QuotasModule } from './quotas/quotas.module';
import { ReferralsModule } from './referrals/referrals.module';
import { BookingsWorkerModule } from './bookings/bookings-worker.module';
import { ForecastsModule } from './forecasts/forecasts.module';
import { CapacityModule } from './capacity/capacity.module';
import { ForecastsWorkerModule } from './forecasts/forecasts-worker.module';
import { AppointmentsModule } from './appointments/appointments.module';
import { CoursesModule } from './courses/courses.module';
import { PatientsModule } from './patients/patients.module';
import { PatientFilesModule } from './patient-files/patient-files.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { DynamicModule, Module, RequestMethod, Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { AppRole } from './app-role';
import { AppConfig } from './config/app-config';
import { validateEnvironment } from './config/env.validation';
import { typeOrmOptions } from './database/typeorm-options';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { ReadModelModule } from './read-model/read-model.module';
import { CenterModule } from './center/center.module';
import { DowntimesModule } from './downtimes/downtimes.module';
import { RoomsModule } from './rooms/rooms.module';
import { HealthModule } from './health/health.module';
import { JobHandlersModule } from './queue/jobs/job-handlers.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { BoardModule } from './board/board.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { FhirModule } from './fhir/fhir.module';
import { REDACTED_LOG_PATHS, redactRequestLog } from './common/log-redaction';

/** Built per boot (not at import) so the environment is read when the app starts. */
function configRootModule(): DynamicModule {
  return {
    module: class ConfigRootModule {},
    global: true,
    imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment })],
    providers: [AppConfig],
    exports: [AppConfig],
  };
}

/** Modules that serve HTTP (controllers and the services they need). */
const API_MODULES: Type[] = [
  AuditModule,
  AuthModule,
  HealthModule,
  CenterModule,
  ReadModelModule,
  RoomsModule,
  CalendarModule,
  DowntimesModule,
  PatientsModule,
  CoursesModule,
  AppointmentsModule,
  QueueDashboardModule,
  ForecastsModule,
  CapacityModule,
  CountriesModule,
  QuotasModule,
  ReferralsModule,
  BoardModule,
  NotificationsModule,
  PatientFilesModule,
  FhirModule,
];

/** Modules that hold BullMQ processors and schedulers; loaded only where workers run. */
const WORKER_MODULES: Type[] = [BookingsWorkerModule, ForecastsWorkerModule, QuotaHoldsWorkerModule, NotificationsWorkerModule, JobHandlersModule];

@Module({})
export class AppModule {
  static forRole(role: AppRole): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configRootModule(),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // nestjs-pino's default '*' is Express 4 syntax; Nest 11 (Express 5) wants a named wildcard.
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: {
              level: config.get('LOG_LEVEL'),
              genReqId: (req) => (req as unknown as { id?: string }).id ?? 'unknown',
              customProps: () => ({ role }),
              redact: REDACTED_LOG_PATHS,
              serializers: { req: redactRequestLog },
              autoLogging: { ignore: (req) => (req.url ?? '').includes('/health') },
            },
          }),
        }),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...typeOrmOptions(config.databaseUrl, {
              connectTimeoutMs: config.get('DB_CONNECT_TIMEOUT_MS'),
              statementTimeoutMs: config.get('DB_STATEMENT_TIMEOUT_MS'),
            }),
            autoLoadEntities: true,
            retryAttempts: config.get('NODE_ENV') === 'test' ? 0 : 10,
          }),
        }),
        RedisModule,
        QueueModule,
        ...API_MODULES,
        ...(role === 'api' ? [] : WORKER_MODULES),
      ],
    };
  }
}
