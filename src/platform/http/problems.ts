// Maps every failure to application/problem+json with a stable code and the offending field.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isConnectionError } from '../db/unavailable.ts';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from '../errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  field?: string;
  errors?: FieldError[];
  requestId: string;
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(context: string, issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    typeof issue.params.missingProperty === 'string' ? issue.params.missingProperty
    : typeof issue.params.additionalProperty === 'string' ? issue.params.additionalProperty
    : '';
  // Body fields are named by their path alone (`title`, `skus.0.priceFen`), as business-rule
  // errors name them; query string and path parameters keep their part (`querystring.limit`).
  return [context === 'body' ? '' : context, path, extra].filter(Boolean).join('.') || context;
}

function messageOf(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'unknown field';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

export function toProblem(err: unknown, requestId: string): Problem {
  const base = (code: ErrorCode, detail: string, field?: string, errors?: FieldError[]): Problem => ({
    type: `urn:flywheel:problem:${code}`,
    title: code.replace(/_/g, ' '),
    status: ERROR_STATUS[code],
    code,
    detail,
    ...(field ? { field } : {}),
    ...(errors?.length ? { errors } : {}),
    requestId,
  });
  if (err instanceof AppError) return base(err.code, err.message, err.field, err.errors ?? (err.field ? [{ field: err.field, message: err.message }] : undefined));
  const fe = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const errors = fe.validation.map((i) => ({ field: fieldOf(fe.validationContext ?? 'body', i), message: messageOf(i) }));
    return base('validation_failed', `${errors[0]?.field ?? 'request'} ${errors[0]?.message ?? 'is invalid'}`, errors[0]?.field, errors);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return base('validation_failed', 'The body is not valid JSON', 'body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return base('payload_too_large', fe.message, 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return base('unsupported_media_type', fe.message, 'content-type');
  }
  if (isConnectionError(err)) return base('unavailable', 'The database is out of reach; try again shortly');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return base(fe.statusCode === 404 ? 'not_found' : fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed', fe.message);
  }
  return base('internal', 'Something went wrong on our side');
}

export function installProblems(app: FastifyInstance, fallback?: (url: string) => string | null): void {
  app.setErrorHandler((err, req, reply) => {
    const problem = toProblem(err, req.id);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    if (err instanceof AppError && err.headers) void reply.headers(err.headers);
    if (problem.code === 'unavailable') void reply.header('retry-after', '5');
    // A body refused part-way is not read to its end: close the connection rather than leave the
    // client sending into a socket nobody reads (which also held up the server's shutdown).
    if (problem.status === 413) void reply.header('connection', 'close');
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((req, reply) => {
    const page = req.method === 'GET' && fallback ? fallback(req.url) : null;
    if (page !== null) return reply.type('text/html; charset=utf-8').send(page);
    void reply.status(404).type('application/problem+json').send(toProblem(new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`), req.id));
  });
}
