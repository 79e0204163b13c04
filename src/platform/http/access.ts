// Authorization is declared per route, in the route's own definition (config.access), and
// checked here for every request before the body is even validated. A route that declares no
// access fails at start-up, so no route can be left open by omission.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export const ROLES = ['shopper', 'creator', 'merchant', 'agent', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** 'public': anyone; 'user': any signed-in user; a list: a signed-in user holding one of the roles. */
export type Access = 'public' | 'user' | readonly Role[];

export interface Principal {
  userId: string;
  roles: Role[];
  sessionId: string;
  displayName: string;
}

export type Authenticator = (req: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function installAccessControl(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    // Only static asset routes (the API browser's and the web app's) are exempt.
    if (access === undefined && !route.url.startsWith('/api/docs') && !route.url.startsWith('/assets/')) {
      throw new Error(`route ${route.method} ${route.url} declares no access; set config.access`);
    }
  });
  app.addHook('onRequest', async (req) => {
    req.principal = await authenticate(req);
    const access = req.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    if (!req.principal) throw new AppError('unauthenticated', 'Sign in first');
    if (access === 'user') return;
    if (!access.some((r) => req.principal!.roles.includes(r))) {
      throw new AppError('forbidden', `This needs one of the roles: ${access.join(', ')}`);
    }
  });
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated', 'Sign in first');
  return req.principal;
}
