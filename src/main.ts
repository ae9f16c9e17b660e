import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { isApiClusterPrimary, runApiCluster } from './api-cluster';
import { resolveRole } from './app-role';
import { createHttpApp, createAppContext, exitOnStartupError, listen } from './bootstrap';
import { validateEnvironment } from './config/env.validation';

async function bootstrap(): Promise<void> {
  const role = resolveRole(process.argv, process.env);
  if (role === 'worker') {
    const context = await createAppContext(role);
    context.get(Logger).log(`Beamtime worker started`);
    return;
  }
  const env = validateEnvironment(process.env);
  if (isApiClusterPrimary(role, env.API_PROCESSES)) return runApiCluster(env.API_PROCESSES, env.LOG_LEVEL);
  await listen(await createHttpApp(role), role);
}

bootstrap().catch(exitOnStartupError);
