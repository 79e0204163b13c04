// The HTTP edge: Fastify with TypeBox schemas (one schema gives validation, OpenAPI and types),
// strict bodies (unknown fields are errors, nothing is coerced), request ids, problem+json.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Log } from '../log.ts';
import { installAccessControl, type Authenticator } from './access.ts';
import { installProblems } from './problems.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(opts: AjvOptions): Ajv {
  const ajv = new Ajv({ allErrors: false, strict: false, removeAdditional: false, useDefaults: true, ...opts });
  addFormats(ajv);
  return ajv;
}

export interface HttpOptions {
  config: Config;
  authenticate: Authenticator;
  /** HTML for browser routes that are not API routes (the web app's index.html). */
  spaFallback?: (url: string) => string | null;
  log: Log;
}

export async function createHttp(opts: HttpOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies: strict types, no coercion. Query strings and params arrive as text: coerce those.
  const strict = makeAjv({ coerceTypes: false });
  const lenient = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));

  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  installProblems(app, opts.spaFallback);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploads.maxImageBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Flywheel API', version: '1', description: 'Interest-commerce platform API. Errors are application/problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: config.session.cookieName },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  installAccessControl(app, opts.authenticate);
  return app as App;
}
