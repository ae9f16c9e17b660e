import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppRole } from './app-role';
import { AppConfig } from './config/app-config';
import { validateEnvironment } from './config/env.validation';
import { configureHttpApp } from './http-app';

/** A process without HTTP: the worker role, or a CLI that only needs the services (role api: no workers). */
export async function createAppContext(role: AppRole): Promise<INestApplicationContext> {
  validateEnvironment(process.env);
  // Workers start taking jobs while the context initialises, before shutdown hooks can be enabled:
  // hold a signal that arrives in that window and hand it to Nest's hooks, so it still drains.
  let earlySignal: NodeJS.Signals | null = null;
  const holdSignal = (signal: NodeJS.Signals) => (earlySignal = signal);
  process.on('SIGTERM', holdSignal).on('SIGINT', holdSignal);
  try {
    const context = await NestFactory.createApplicationContext(AppModule.forRole(role), { bufferLogs: true, abortOnError: false });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    if (earlySignal) process.kill(process.pid, earlySignal);
    return context;
  } finally {
    process.off('SIGTERM', holdSignal).off('SIGINT', holdSignal);
  }
}

/** The HTTP app of a role (api or all), configured and initialised (workers run) but not listening yet. */
export async function createHttpApp(role: AppRole): Promise<INestApplication> {
  // Checked before Nest boots so a bad setting ends start-up with one line, not Nest's stack trace.
  validateEnvironment(process.env);
  const app = await NestFactory.create(AppModule.forRole(role), { bufferLogs: true, abortOnError: false });
  configureHttpApp(app);
  await app.init();
  return app;
}

/** Listens on PORT; returns the port. Shared by `npm start` and `npm run demo`. */
export async function listen(app: INestApplication, role: AppRole): Promise<number> {
  const port = app.get(AppConfig).get('PORT');
  await app.listen(port);
  app.get(Logger).log(`Beamtime ${role === 'all' ? 'API + workers' : 'API'} listening on http://localhost:${port}/api/v1 (docs at /docs)`);
  return port;
}

/** One clear line for configuration mistakes, the stack for anything else. */
export function exitOnStartupError(error: Error): never {
  console.error(error.message.startsWith('Invalid configuration') ? error.message : error.stack);
  process.exit(1);
}
