import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/modules/identity/service.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ LOGIN_MAX_ATTEMPTS: '5' });
});
afterAll(() => t.close());

describe('identity', () => {
  it('registers, signs in with an HttpOnly cookie, and signs out', async () => {
    const reg = await t.client.post<{ user: User }>('/api/v1/auth/register', { email: 'Ada@Example.com', password: 'long-password-1', displayName: '阿达', roles: ['creator'] });
    expect(reg.status).toBe(201);
    expect(reg.body.user.roles).toEqual(['shopper', 'creator']);
    expect(JSON.stringify(reg.body)).not.toContain('password');
    const cookie = reg.headers.get('set-cookie')!;
    expect(cookie).toMatch(/fw_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = cookie.split(';')[0]!;
    const me = await t.client.req<User>('GET', '/api/v1/me', undefined, { cookie: session });
    expect(me.body.email).toBe('Ada@Example.com');
    expect((await t.client.req('POST', '/api/v1/auth/logout', {}, { cookie: session })).status).toBe(200);
    expect((await t.client.req('GET', '/api/v1/me', undefined, { cookie: session })).status).toBe(401);
  });

  it('issues bearer tokens for API clients; email is case-insensitive and unique', async () => {
    const login = await t.client.post<{ token: string; user: User }>('/api/v1/auth/login', { email: 'ada@example.com', password: 'long-password-1', mode: 'token' });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
    const me = await t.client.as(login.body.token).get<User>('/api/v1/me');
    expect(me.body.displayName).toBe('阿达');
    const dup = await t.client.post('/api/v1/auth/register', { email: 'ADA@example.com', password: 'long-password-2', displayName: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.problem.field).toBe('email');
  });

  it('does not let anyone sign up as operator or agent', async () => {
    const r = await t.client.post('/api/v1/auth/register', { email: 'evil@example.com', password: 'long-password-1', displayName: 'x', roles: ['operator'] });
    expect(r.status).toBe(400);
    expect(r.problem.field).toBe('roles.0');
  });

  it('rejects a wrong password without saying whether the account exists, and rate-limits guessing', async () => {
    const wrong = await t.client.post('/api/v1/auth/login', { email: 'ada@example.com', password: 'nope-nope' });
    const ghost = await t.client.post('/api/v1/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(ghost.status).toBe(401);
    expect(wrong.problem.detail).toBe(ghost.problem.detail);
    // One failure so far; four more use up the account's five, the next is refused before checking.
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push((await t.client.post('/api/v1/auth/login', { email: 'ada@example.com', password: 'nope-nope' })).status);
    expect(tries).toEqual([401, 401, 401, 401, 429]);
    const limited = await t.client.post('/api/v1/auth/login', { email: 'ada@example.com', password: 'long-password-1' });
    expect(limited.status).toBe(429);
    expect(limited.problem.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends expired sessions, also where the principal was remembered between requests', async () => {
    await t.client.register('exp@example.com');
    const login = await t.client.post<{ token: string }>('/api/v1/auth/login', { email: 'exp@example.com', password: 'correct-horse-1', mode: 'token' });
    const c = t.client.as(login.body.token);
    // A fresh session that runs out in three seconds: used (and remembered) before, refused after.
    const [s] = await t.platform.db.query<{ expires_at: Date }>(
      `UPDATE sessions SET expires_at = now() + interval '3 seconds' WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') RETURNING expires_at`,
      [login.body.token],
    );
    expect(s).toBeDefined();
    expect((await c.get('/api/v1/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(s!.expires_at).getTime() - Date.now() + 100)));
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('tells many sessions looked up at once apart (one statement per turn), and refuses ended ones', async () => {
    const identity = t.platform.services.identity;
    const users = await Promise.all([0, 1, 2, 3].map((i) => t.client.register(`many${i}@example.com`)));
    const ids = await Promise.all(users.map(async (c) => (await c.get<User>('/api/v1/me')).body.id));
    const tokens = await Promise.all(ids.map(async (id) => (await identity.createSession(id, 'bearer', 'test')).token));
    // The third signs out; the fourth was disabled. Neither was looked up before, so nothing is remembered.
    const [ended] = await t.platform.db.query<{ id: string }>(`SELECT id FROM sessions WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [tokens[2]]);
    await identity.revokeSession(ended!.id);
    await t.platform.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [ids[3]]);
    const forged = `${tokens[0]!.slice(0, -4)}AAAA`;
    const asked = [tokens[0]!, tokens[1]!, tokens[2]!, tokens[3]!, tokens[1]!, forged];
    const found = await Promise.all(asked.map((tok) => identity.authenticate(tok)));
    expect(found.map((p) => p?.userId ?? null)).toEqual([ids[0], ids[1], null, null, ids[1], null]);
    // Over HTTP at once, too: each request is its own user.
    const me = await Promise.all(asked.map((tok) => t.client.as(tok).get<User>('/api/v1/me')));
    expect(me.map((r) => (r.status === 200 ? r.body.id : r.status))).toEqual([ids[0], ids[1], 401, 401, ids[1], 401]);
  });

  it('lets only an operator grant roles', async () => {
    const shopper = await t.client.register('sh@example.com');
    const me = (await shopper.get<User>('/api/v1/me')).body;
    expect((await shopper.put(`/api/v1/ops/users/${me.id}/roles`, { roles: ['operator'] })).status).toBe(403);
    await t.platform.services.identity.setRoles(me.id, ['operator']);
    const op = shopper; // roles are read per request
    const agent = await t.client.register('ag@example.com');
    const agentId = (await agent.get<User>('/api/v1/me')).body.id;
    const granted = await op.put<User>(`/api/v1/ops/users/${agentId}/roles`, { roles: ['agent'] });
    expect(granted.body.roles).toEqual(['shopper', 'agent']);
    const found = await op.get<{ items: User[] }>('/api/v1/ops/users?role=agent');
    expect(found.body.items.map((u) => u.email)).toContain('ag@example.com');
  });

  it('stores only a hash of passwords and session tokens', async () => {
    const rows = await t.platform.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'sh@example.com'`);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    const login = await t.client.post<{ token: string }>('/api/v1/auth/login', { email: 'sh@example.com', password: 'correct-horse-1', mode: 'token' });
    const sessions = await t.platform.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(sessions.some((s) => s.token_hash === login.body.token)).toBe(false);
  });
});

describe('platform edge', () => {
  it('answers health, OpenAPI 3.1 and the API browser', async () => {
    const health = await t.client.get<{ status: string; db: string }>('/api/health');
    expect(health.body.status).toBe('ok');
    expect(health.headers.get('x-request-id')).toBeTruthy();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    const doc = await t.client.get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/products/{productId}', '/api/v1/merchant/stores/{storeId}/products']));
    const docs = await t.client.get<string>('/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('<html');
  });

  it('echoes a sane client request id and answers unknown routes with problem+json', async () => {
    const r = await t.client.req('GET', '/api/v1/nope', undefined, { 'x-request-id': 'client-req-12345' });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.problem.code).toBe('not_found');
    expect(r.problem.requestId).toBe('client-req-12345');
  });
});

describe('compression', () => {
  it('compresses large responses for clients that accept it', async () => {
    const doc = await fetch(`${t.url}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(doc.headers.get('content-encoding')).toBe('gzip');
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
