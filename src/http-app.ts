import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { corsOptions } from './auth/cors-options';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter, sendError } from './common/problem-details.filter';
import { requestContextMiddleware } from './common/request-context.middleware';
import { inputGuardMiddleware, refuseInvalidUtf8, refuseNonJsonBody } from './common/input-guard.middleware';
import { createValidationPipe } from './common/validation';
import { UnknownQueryGuard } from './common/unknown-query.guard';
import { contentSecurityPolicy } from './web-console/content-security-policy';
import { serveConsole } from './web-console/serve-console';
import { sendRememberedJson } from './read-model/remembered-json';

export const API_PREFIX = 'api/v1';

/** The OpenAPI document of the app's routes; also written to a file by `npm run api:types` (src/cli/openapi.ts). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Beamtime')
      .setDescription('Scheduling and capacity planning for a proton therapy center')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/** Everything an HTTP app needs beyond its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.use(requestContextMiddleware);
  sendRememberedJson(app.getHttpAdapter().getInstance() as Express);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(contentSecurityPolicy);
  const cors = corsOptions(app.get(AppConfig).get('CORS_ORIGINS'));
  if (cors) app.enableCors(cors);
  // Our own JSON parser (Nest then skips its own) so a malformed body gets a precise problem, not a bare 400.
  const filter = new ProblemDetailsFilter();
  // A form or any other non-JSON body answers 415 here, before the form parser Nest adds during init().
  app.use(refuseNonJsonBody);
  app.use(express.json({ limit: '2mb', type: ['application/json', 'application/*+json'], verify: refuseInvalidUtf8 }));
  app.use(inputGuardMiddleware);
  // After the body parsers and input guard (a console GET has no body), before Nest's routes.
  serveConsole(app);
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    sendError(req, res, { ...filter.toProblem(error), instance: req.originalUrl });
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['docs', 'docs-json', 'admin/queues', 'admin/queues/{*path}', 'fhir/R4', 'fhir/R4/{*path}'] });
  app.useGlobalGuards(new UnknownQueryGuard());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(filter);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  return app;
}
