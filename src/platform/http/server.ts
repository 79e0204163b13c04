// The HTTP edge: Fastify with TypeBox schemas (one schema gives validation, OpenAPI and types),
// strict bodies (unknown fields are errors, nothing is coerced), request ids, problem+json.
import { withRequestId } from '../context.ts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import zlib from 'node:zlib';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { LazyChildLog, type Log } from '../log.ts';
import { installAccessControl, type Authenticator } from './access.ts';
import { installProblems } from './problems.ts';
import { AppError } from '../errors.ts';
import { Type } from '@sinclair/typebox';

/** The query schema of routes that declare none (one shared object: compiled once). */
const NO_QUERY = Type.Object({}, { additionalProperties: false });
/** The body schema of write routes that take no body: nothing, or an empty JSON object. */
const NO_BODY = Type.Object({}, { additionalProperties: false, description: 'No body' });

/** Path of the first string (key or value) holding U+0000, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (at !== null) return at;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return p;
      const at = findNul(v, p);
      if (at !== null) return at;
    }
  }
  return null;
}

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
    childLoggerFactory: (logger, bindings, opts) => new LazyChildLog(logger as Log, bindings, opts),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Whatever the request sets off (events, jobs) carries its id, in this process and the next
  // (context.ts). Set before the handler, after the body is read (stream callbacks lose it).
  app.addHook('preHandler', (req, _reply, done) => withRequestId(req.id, done));

  // Bodies: strict types, no coercion. Query strings and params arrive as text: coerce those.
  const strict = makeAjv({ coerceTypes: false });
  const lenient = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));

  // Closed by default: a route that declares no query string accepts none, and a write route
  // that declares no body accepts none (an empty JSON object at most).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') || route.url.startsWith('/assets/')) return;
    const schema = (route.schema ??= {});
    schema.querystring ??= NO_QUERY;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const writes = methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m));
    if (writes && !schema.body && !schema.consumes) schema.body = NO_BODY;
  });
  // PostgreSQL text cannot hold NUL; reject it at the edge, naming the field. A write route that
  // takes no body gets an empty object when none was sent, so its closed schema accepts it.
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && req.routeOptions.schema?.body === NO_BODY) req.body = {};
    for (const [part, value] of [['', req.body], ['querystring', req.query]] as const) {
      const at = findNul(value, part);
      if (at !== null) throw new AppError('validation_failed', `${at || 'body'} must not contain the NUL character`, at || 'body');
    }
  });

  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    // Safe defaults for every response: no MIME sniffing, no framing (clickjacking), no full
    // URLs leaking to other sites.
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });

  installProblems(app, opts.spaFallback);
  // Responses over 1 KB are compressed (the web app's bundle shrinks to a third); brotli at a
  // moderate quality, since it runs per request.
  await app.register(compress, { global: true, threshold: 1024, brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });
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
