// Building blocks for table-driven bad-input tests: one entry per API route, each with a valid
// request and the ways to spoil it. See test/e2e/bad-input.test.ts.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../src/platform/http/access.ts';
import type { Client, Res } from './platform.ts';

export type Json = Record<string, unknown>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who sends a request: nobody, or one of the test's signed-in users. */
export type Who = 'anon' | 'badToken' | 'shopper' | 'creator' | 'merchant' | 'member' | 'other' | 'operator' | 'fresh';

/** A request body that is not a JSON value: raw text with a content type. */
export class Raw {
  constructor(
    readonly text: string,
    readonly contentType = 'application/json',
  ) {}
}

export type Body = Json | unknown[] | Raw | FormData | undefined;

/** Headers computed from the raw text of a request body (a webhook signature). */
export type Signer = (rawBody: string) => Record<string, string>;

export type Expectation = { status: 400; code: 'validation_failed'; field: string } | { status: 401 | 403 | 404 | 409 | 413 | 415 | 429; code: string; field?: string };

export interface BadCase {
  name: string;
  kind: 'malformed' | 'out-of-range' | 'unknown-field' | 'missing-field' | 'semantic' | 'auth' | 'not-found' | 'media-type';
  who?: Who;
  /** Path parameters over the valid ones; a function when they come from the fixtures. */
  params?: Record<string, string> | (() => Record<string, string>);
  /** Merged over the valid query string; `null` drops a key. */
  query?: Record<string, string | null>;
  /** A whole query string (without `?`) used instead of the valid one. */
  rawQuery?: string;
  /** Builds the body from the valid one. */
  body?: (valid: Json) => Body;
  /** Headers instead of the valid ones (e.g. without Idempotency-Key). */
  headers?: Record<string, string>;
  /** Signs the raw body instead of the entry's `sign` (a forged signature); null sends none. */
  sign?: Signer | null;
  expect: Expectation;
}

export interface RouteEntry {
  method: Method;
  /** The URL pattern exactly as registered with Fastify (`/api/v1/products/:productId`). */
  url: string;
  access: 'public' | 'user' | readonly Role[];
  /** Who makes the valid request. */
  who: Who;
  params?: () => Record<string, string>;
  query?: () => Record<string, string>;
  /** The valid JSON body; routes that take none leave this out. */
  body?: () => Json;
  /** Headers of the valid request, made fresh for each request (e.g. a new Idempotency-Key). */
  headers?: () => Record<string, string>;
  /** A valid non-JSON body (multipart uploads). */
  form?: () => FormData;
  /** Headers computed over the exact raw body of every request (webhook signatures). */
  sign?: Signer;
  /** Status of the valid request (checked last, after every rejection). */
  ok: number;
  bad: BadCase[];
  /** Signed-in users who lack the role (403). */
  wrongRole?: Who[];
  /** Signed-in users with the role acting on someone else's store (403). */
  notOwner?: Who[];
  /** Extra 404 cases beyond "every id param points at nothing" (e.g. an email that names nobody). */
  missing?: BadCase[];
}

// ---- mutation helpers ---------------------------------------------------------------------------

const DROP = Symbol('drop');

/** A deep copy of `obj` with `path` (dotted, array indexes as numbers) set to `value` or dropped. */
export function withPath(obj: Json, path: string, value: unknown): Json {
  const copy = structuredClone(obj);
  const keys = path.split('.');
  let cur = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === DROP) delete cur[last];
  else cur[last] = value;
  return copy;
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 24 ? `${s.slice(0, 12)}…(${s.length} chars)` : s;
};

/** Body field `path` set to `value`: a 400 naming `<path>` (or `field` when given). */
export const bodyAt = (path: string, value: unknown, kind: BadCase["kind"], field = path): BadCase => ({
  name: `body ${path} = ${show(value)}`,
  kind,
  body: (b) => withPath(b, path, value),
  expect: { status: 400, code: 'validation_failed', field },
});

/** Body field `path` left out: a 400 naming `<path>`. */
export const bodyWithout = (path: string): BadCase => ({
  name: `body without ${path}`,
  kind: 'missing-field',
  body: (b) => withPath(b, path, DROP),
  expect: { status: 400, code: "validation_failed", field: path },
});

/** Query parameter `name` set to `value`: a 400 naming `querystring.<name>`. */
export const queryAt = (name: string, value: string, kind: BadCase['kind']): BadCase => ({
  name: `query ${name}=${show(value)}`,
  kind,
  query: { [name]: value },
  expect: { status: 400, code: 'validation_failed', field: `querystring.${name}` },
});

/** Path parameter `name` set to `value`: a 400 naming `params.<name>`. */
export const paramAt = (name: string, value: string, kind: BadCase['kind'] = 'malformed'): BadCase => ({
  name: `param ${name}=${show(value)}`,
  kind,
  params: { [name]: value },
  expect: { status: 400, code: 'validation_failed', field: `params.${name}` },
});

/** Well-formed ids that point at nothing. */
export const MISSING_IDS: Record<string, string> = {
  storeId: 'sto_0000000000zzzzzzzzzz',
  productId: 'prd_0000000000zzzzzzzzzz',
  skuId: 'sku_0000000000zzzzzzzzzz',
  userId: 'usr_0000000000zzzzzzzzzz',
  imageId: 'img_0000000000zzzzzzzzzz',
  categoryId: 'cat_0000000000zzzzzzzzzz',
  flashSaleId: 'fls_0000000000zzzzzzzzzz',
  providerRef: 'spay_0000000000zzzzzzzzzz',
  couponId: 'cpn_0000000000zzzzzzzzzz',
  addressId: 'adr_0000000000zzzzzzzzzz',
  caseId: 'asc_0000000000zzzzzzzzzz',
  videoId: 'vid_0000000000zzzzzzzzzz',
};

// ---- requests -----------------------------------------------------------------------------------

export function fillUrl(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(v);
  });
}

export function queryString(base: Record<string, string>, over: Record<string, string | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...over })) if (v !== null) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function send(client: Client, method: Method, path: string, body: Body, headers: Record<string, string> = {}, sign?: Signer): Promise<Res<unknown>> {
  if (sign && !(body instanceof FormData)) {
    // Signed over the exact text sent.
    const raw = body instanceof Raw ? body.text : body === undefined ? '' : JSON.stringify(body);
    return client.req(method, path, raw, { ...headers, 'content-type': body instanceof Raw ? body.contentType : 'application/json', ...sign(raw) });
  }
  if (body instanceof Raw) return client.req(method, path, body.text, { ...headers, 'content-type': body.contentType });
  return client.req(method, path, body, headers);
}

export const routeKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;

/** Every documented operation of an OpenAPI document, as `METHOD /fastify/:pattern`. */
export function openApiRoutes(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push(routeKey(method, path.replace(/\{(\w+)\}/g, ':$1')));
    }
  }
  return out.sort();
}

/** Number of files under a directory (uploads land in the data directory, not the database). */
export function fileCount(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    n += statSync(p).isDirectory() ? fileCount(p) : 1;
  }
  return n;
}
