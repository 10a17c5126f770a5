import { INestApplication, ValidationPipe } from '@nestjs/common';
import { text } from 'express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { withLogContext } from '../logging/logger';
import { spanFrom, traceparentOf } from '../logging/trace-context';
import { ServiceMetrics } from '../metrics/service-metrics';
import { HttpErrorFilter } from './problem.filter';
import { SpanExport } from '../tracing/span-export';
import { IMPORT_FILE_LIMIT, IMPORT_MEDIA_TYPES } from '../imports/bulk-import';

/**
 * What every HTTP API of the registry shares: strict validation of bodies and queries,
 * JSON errors, correlation ids, and OpenAPI documentation at /docs (JSON at /docs-json).
 */
export function configureHttp(app: INestApplication, api: { title: string; description: string }, logger: Logger): void {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter(logger));
  // Bulk imports (`POST /imports/<kind>`) take the file itself as the body: CSV text, larger than the JSON bodies.
  app.use('/imports', text({ type: IMPORT_MEDIA_TYPES, limit: IMPORT_FILE_LIMIT }));
  // Every request timed, by the route pattern it matched (none: 'unmatched'), whatever answered it.
  const metrics = app.get(ServiceMetrics, { strict: false });
  app.use((req: any, res: any, next: () => void) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched', status: String(res.statusCode) }));
    next();
  });
  const spans = app.get(SpanExport, { strict: false });
  app.use((req: any, res: any, next: () => void) => {
    const header = req.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && header.length <= 100 ? header : randomUUID();
    req.correlationId = correlationId;
    res.setHeader('x-correlation-id', correlationId);
    // The request's span: a child of the caller's traceparent, or a new trace; what it causes carries it on.
    const span = spanFrom(req.headers.traceparent);
    res.setHeader('traceparent', traceparentOf(span));
    if (spans.enabled) {
      const start = new Date();
      res.once('finish', () => {
        const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
        spans.record({
          ...span,
          name: `${req.method} ${route}`,
          kind: 'server',
          start,
          end: new Date(),
          attributes: { 'http.request.method': req.method, 'http.route': route, 'http.response.status_code': res.statusCode, 'aeo.correlation_id': correlationId },
          error: res.statusCode >= 500 ? `HTTP ${res.statusCode}` : undefined,
        });
      });
    }
    withLogContext({ correlationId, ...span }, next);
  });
  SwaggerModule.setup('docs', app, apiDocument(app, api), { jsonDocumentUrl: 'docs-json' });
}

/** The service's OpenAPI document (served at /docs-json; the console's typed clients are generated from it). */
export function apiDocument(app: INestApplication, api: { title: string; description: string }): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(api.title).setDescription(api.description).setVersion('1').addBearerAuth().build(),
  );
}
