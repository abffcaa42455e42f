import type { AppConfig } from '@app/config';
import type { BusRuntime } from '@app/messaging';
import { createServiceRegistry, PinoNestLogger } from '@app/observability';
import { strictValidationPipe } from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { GATEWAY_CONTROLLERS, GatewayModule } from './gateway.module.js';
import { documentAnswers } from './openapi-examples.js';
import { documentInputs } from './openapi-inputs.js';
import { HttpContextInterceptor } from './http-context.interceptor.js';
import { ProblemJsonFilter } from './problem/problem-json.filter.js';

/** Builds the gateway (not yet listening), so tests and the single-process start share it. */
export async function createGatewayApp(config: AppConfig, bus: BusRuntime, rootLogger: Logger): Promise<NestFastifyApplication> {
  const logger = rootLogger.child({ service: 'gateway' });
  const registry = createServiceRegistry('gateway');
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency at the gateway',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: 10 * 1024 * 1024 });
  // Catalogue imports accept a CSV file as the body.
  adapter.getInstance().addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    latency.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot({ config, bus, registry, logger }), adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.useGlobalInterceptors(new HttpContextInterceptor());
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemJsonFilter(logger));
  app.enableCors();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Service network API')
      .setDescription('Village, town and district service centers: catalogue, cases, tracking. Errors are application/problem+json (RFC 9457).')
      .setVersion('v1')
      .addBearerAuth()
      .build(),
  );
  // Request schemas come from the contracts' class-validator rules, so the docs and the checks never disagree.
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as Record<string, object>) } };
  documentInputs(document, GATEWAY_CONTROLLERS, schemas as Record<string, object>);
  documentAnswers(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
  return app;
}

export async function listenGateway(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen(config.port, '0.0.0.0');
  return `http://localhost:${config.port}`;
}
