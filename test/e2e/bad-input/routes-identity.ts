// Bad-input table: Platform, identity and media routes.
import { bodyAt, bodyWithout, paramAt, queryAt, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, PASSWORD, counters, form, fx, long, nonOperators, pngBlob } from './kit.ts';

export const IDENTITY_ROUTES: RouteEntry[] = [
  // platform
  { method: 'GET', url: '/api/health', access: 'public', who: 'anon', ok: 200, bad: [] },
  { method: 'GET', url: '/api/health/live', access: 'public', who: 'anon', ok: 200, bad: [] },
  { method: 'GET', url: '/api/health/ready', access: 'public', who: 'anon', ok: 200, bad: [] },
  { method: 'GET', url: '/metrics', access: 'public', who: 'anon', ok: 200, bad: [] },

  // identity
  {
    method: 'POST',
    url: '/api/v1/auth/register',
    access: 'public',
    who: 'anon',
    body: () => ({ email: `bi-reg${++counters.registered}@example.com`, password: PASSWORD, displayName: '新用户' }),
    ok: 201,
    bad: [
      bodyAt('email', 42, 'malformed'),
      bodyAt('email', 'not-an-email', 'malformed'),
      bodyAt('email', `${long(250, 'x')}@example.com`, 'out-of-range'),
      bodyAt('password', 'short', 'out-of-range'),
      bodyAt('password', long(129, 'x'), 'out-of-range'),
      bodyAt('displayName', '', 'out-of-range'),
      bodyAt('displayName', long(41), 'out-of-range'),
      bodyAt('displayName', 'a\u0000b', 'malformed'),
      bodyAt('roles', ['operator'], 'out-of-range', 'roles.0'),
      bodyAt('roles', ['merchant', 'merchant'], 'malformed'),
      bodyAt('roles', 'merchant', 'malformed'),
      bodyAt('mode', 'session', 'malformed'),
      bodyWithout('password'),
      bodyWithout('email'),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    who: 'anon',
    body: () => ({ email: fx.emails.shopper, password: PASSWORD, mode: 'token' }),
    ok: 200,
    bad: [bodyAt('email', ['a@b.c'], 'malformed'), bodyAt('email', 'shopper', 'malformed'), bodyAt('password', '', 'out-of-range'), bodyAt('password', long(129, 'x'), 'out-of-range'), bodyAt('mode', 'jwt', 'malformed'), bodyWithout('password')],
  },
  { method: 'POST', url: '/api/v1/auth/logout', access: 'user', who: 'fresh', ok: 200, bad: [] },
  { method: 'GET', url: '/api/v1/me', access: 'user', who: 'shopper', ok: 200, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/ops/users',
    access: ['operator'],
    who: 'operator',
    query: () => ({ q: 'bi-', role: 'merchant' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('role', 'king', 'malformed'), queryAt('q', long(101, 'x'), 'out-of-range')],
  },
  {
    method: 'PUT',
    url: '/api/v1/ops/users/:userId/roles',
    access: ['operator'],
    who: 'operator',
    params: () => ({ userId: fx.userIds.creator }),
    body: () => ({ roles: ['creator'] }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      bodyAt('roles', [], 'out-of-range'),
      bodyAt('roles', 'creator', 'malformed'),
      bodyAt('roles', ['king'], 'malformed', 'roles.0'),
      bodyAt('roles', ['creator', 'creator'], 'malformed'),
      bodyAt('roles', ['shopper', 'creator', 'merchant', 'agent', 'operator', 'shopper'], 'out-of-range'),
      bodyWithout('roles'),
    ],
  },

  // media
  {
    method: 'POST',
    url: '/api/v1/images',
    access: ['merchant', 'creator', 'operator'],
    who: 'merchant',
    form: () => form([['file', pngBlob(fx.png), 'a.png']]),
    ok: 201,
    wrongRole: ['shopper'],
    bad: [
      { name: 'a JSON body instead of multipart', kind: 'media-type', body: () => ({ file: 'x' }), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'multipart with the image under another name', kind: 'unknown-field', body: () => form([['image', pngBlob(fx.png), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'image' } },
      { name: 'multipart "file" as a text field', kind: 'malformed', body: () => form([['file', 'not a file']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'a file that is not an image', kind: 'malformed', body: () => form([['file', new Blob(['hello, world'], { type: 'image/png' }), 'a.png']]), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'an image smaller than 16×16', kind: 'out-of-range', body: () => form([['file', pngBlob(fx.tinyPng), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'multipart with an unknown field', kind: 'unknown-field', body: () => form([['extra', '1'], ['file', pngBlob(fx.png), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'extra' } },
    ],
  },
  {
    method: 'GET',
    url: '/media/images/:imageId/:variant',
    access: 'public',
    who: 'anon',
    params: () => ({ imageId: fx.imageId, variant: 'w240' }),
    ok: 200,
    bad: [paramAt('imageId', 'prd_0000000000zzzzzzzzzz'), paramAt('variant', 'w999'), paramAt('variant', 'orig.webp')],
  },
];
