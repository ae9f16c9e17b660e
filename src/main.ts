import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { resolveRole } from './app-role';
import { AppConfig } from './config/app-config';
import { configureHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  const role = resolveRole(process.argv, process.env);
  if (role === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.forRole(role), { bufferLogs: true });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    context.get(Logger).log(`Beamtime worker started`);
    return;
  }
  const app = await NestFactory.create(AppModule.forRole(role), { bufferLogs: true });
  configureHttpApp(app);
  const port = app.get(AppConfig).get('PORT');
  await app.listen(port);
  app.get(Logger).log(`Beamtime ${role === 'all' ? 'API + workers' : 'API'} listening on http://localhost:${port}/api/v1 (docs at /docs)`);
}

bootstrap().catch((error: Error) => {
  // One clear line for configuration mistakes, the stack for anything else.
  console.error(error.message.startsWith('Invalid configuration') ? error.message : error.stack);
  process.exit(1);
});
