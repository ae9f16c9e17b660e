import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { resolveRole } from './app-role';
import { createHttpApp, createAppContext, exitOnStartupError, listen } from './bootstrap';

async function bootstrap(): Promise<void> {
  const role = resolveRole(process.argv, process.env);
  if (role === 'worker') {
    const context = await createAppContext(role);
    context.get(Logger).log(`Beamtime worker started`);
    return;
  }
  await listen(await createHttpApp(role), role);
}

bootstrap().catch(exitOnStartupError);
