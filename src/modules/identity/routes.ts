import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Ok, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { RoleSchema, UserSchema } from './schemas.ts';
import type { IdentityService, User } from './service.ts';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 128 });
const SelfRole = Type.Union([Type.Literal('shopper'), Type.Literal('creator'), Type.Literal('merchant')], { description: 'Roles anyone may take at sign-up; agent and operator are granted by an operator' });

const SessionResult = Type.Object({ user: UserSchema, expiresAt: Type.String(), token: Type.Optional(Type.String({ description: 'Bearer token; only when mode is "token"' })) });
const Mode = Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('token')], { default: 'cookie', description: 'cookie: HttpOnly session cookie for browsers; token: bearer token in the body for API clients' }));

export function identityRoutes(app: App, identity: IdentityService, config: Config): void {
  const startSession = async (req: FastifyRequest, reply: FastifyReply, user: User, mode: 'cookie' | 'token') => {
    const { token, expiresAt } = await identity.createSession(user.id, mode === 'token' ? 'bearer' : 'cookie', req.headers['user-agent']);
    if (mode === 'token') return { user, expiresAt: expiresAt.toISOString(), token };
    void reply.setCookie(config.session.cookieName, token, { httpOnly: true, sameSite: 'lax', secure: config.session.secureCookie, path: '/', expires: expiresAt });
    return { user, expiresAt: expiresAt.toISOString() };
  };

  app.post(
    '/api/v1/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Create an account and sign in',
        body: Strict({ email: Email, password: Password, displayName: Type.String({ minLength: 1, maxLength: 40 }), roles: Type.Optional(Type.Array(SelfRole, { maxItems: 3, uniqueItems: true })), mode: Mode }),
        response: { 201: SessionResult },
      },
    },
    async (req, reply) => {
      const user = await identity.register({ email: req.body.email, password: req.body.password, displayName: req.body.displayName.trim(), roles: req.body.roles ?? [] });
      const result = await startSession(req, reply, user, req.body.mode ?? 'cookie');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['identity'], summary: 'Sign in', body: Strict({ email: Email, password: Type.String({ minLength: 1, maxLength: 128 }), mode: Mode }), response: { 200: SessionResult } },
    },
    async (req, reply) => {
      const user = await identity.login(req.body.email, req.body.password, req.ip);
      return startSession(req, reply, user, req.body.mode ?? 'cookie');
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: 'user' }, schema: { tags: ['identity'], summary: 'Sign out (ends this session)', response: { 200: Ok } } }, async (req, reply) => {
    await identity.revokeSession(requirePrincipal(req).sessionId);
    void reply.clearCookie(config.session.cookieName, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/v1/me', { config: { access: 'user' }, schema: { tags: ['identity'], summary: 'The signed-in user', response: { 200: UserSchema } } }, async (req) =>
    identity.get(requirePrincipal(req).userId),
  );

  app.get(
    '/api/v1/ops/users',
    {
      config: { access: ['operator'] },
      schema: {
        tags: ['ops'],
        summary: 'Find users',
        querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(RoleSchema), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }) },
      },
    },
    async (req) => identity.list(req.query),
  );

  app.put(
    '/api/v1/ops/users/:userId/roles',
    {
      config: { access: ['operator'] },
      schema: { tags: ['ops'], summary: "Set a user's roles", params: Strict({ userId: Id() }), body: Strict({ roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true }) }), response: { 200: UserSchema } },
    },
    async (req) => identity.setRoles(req.params.userId, req.body.roles),
  );
}

/** Reads the session from the bearer token, else the cookie. */
export function makeAuthenticator(identity: IdentityService, config: Config) {
  return async (req: FastifyRequest) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return identity.authenticate(auth.slice(7).trim());
    const cookie = req.cookies[config.session.cookieName];
    return cookie ? identity.authenticate(cookie) : null;
  };
}
