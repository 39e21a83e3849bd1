import 'reflect-metadata';
import { RequestMethod, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { HEALTH_PATHS } from './health.controller';
import { mountPortal, portalRoot } from './portal/portal-static';
import { problemOf } from './problem/problem';
import { ProblemFilter, sendProblem } from './problem/problem.filter';
import { validationPipe } from './problem/validation';

/** Where the OpenAPI document and its UI are served. */
export const DOCS_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/** LOG_LEVEL and everything more severe. */
export function logLevels(level: AppConfig['logLevel']): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

/** The OpenAPI document of the app's real controllers and DTOs. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('bioaudit')
    .setDescription(
      "The regulator's API: firms, evidence batches, inspections, findings, evaluations (docs/api.md). Errors are application/problem+json (RFC 9457) with bioaudit's stable error codes.",
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('bioaudit_session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

export interface ApiAppOptions {
  /** Close on SIGINT/SIGTERM (the server process); tests close the app themselves. */
  shutdownHooks?: boolean;
}

/**
 * The API app on `config`, not yet listening: used by `main.ts`, `bioaudit serve` and the tests, so all
 * three run the same pipes, filters, prefix and documents.
 */
export async function createApiApp(
  config: AppConfig,
  options: ApiAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.withConfig(config), {
    logger: logLevels(config.logLevel),
    // JSON bodies are parsed below so that a malformed one is a problem document too; uploads are streamed.
    bodyParser: false,
    abortOnError: false,
  });
  configureApiApp(app);
  if (options.shutdownHooks) app.enableShutdownHooks();
  return app;
}

/**
 * What every API app gets, however it was created (`createApiApp`, or a test's module with a moved clock):
 * JSON bodies whose errors are problem documents, the portal at /, the /api prefix, validation, the problem filter,
 * OpenAPI.
 */
export function configureApiApp(app: INestApplication, options: { portalRoot?: string | null } = {}): void {
  const parseJson = json({ limit: '1mb' });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parseJson(req, res, (err?: unknown) =>
      err ? sendProblem(res, problemOf(err, req.originalUrl)) : next(),
    ),
  );
  mountPortal(app, options.portalRoot === undefined ? portalRoot() : options.portalRoot);
  app.setGlobalPrefix('api', { exclude: HEALTH_PATHS.map((path) => ({ path, method: RequestMethod.GET })) });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup(DOCS_PATH, app, () => openApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}
