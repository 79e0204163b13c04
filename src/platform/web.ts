// Serves the built web app (web/dist) from the same server: assets as static files, every other
// browser route gets index.html so the client-side router can take it.
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { App } from './http/server.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export function loadIndexHtml(): string | null {
  const path = `${WEB_DIST}index.html`;
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

export async function serveWeb(app: App): Promise<void> {
  if (!existsSync(`${WEB_DIST}assets`)) return;
  await app.register(fastifyStatic, { root: `${WEB_DIST}assets`, prefix: '/assets/', decorateReply: false, maxAge: '365d', immutable: true });
}

/** index.html for browser routes; null (a 404 problem) for API and media paths. */
export function spaFallback(index: string | null) {
  return (url: string): string | null => (index && !url.startsWith('/api/') && !url.startsWith('/media/') && !url.startsWith('/assets/') ? index : null);
}
