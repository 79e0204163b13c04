import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlatform } from '../main.ts';
import type { Config } from '../platform/config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, createDemoWorld, hasWorld } from '../demo/world.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its sources are newer than the last build (first start, or after edits). */
function ensureWebBuilt(): void {
  const dist = join(ROOT, 'web/dist/index.html');
  const src = join(ROOT, 'web/src');
  if (!existsSync(src)) return;
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(src)) return;
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

export async function runStart(config: Config, opts: { dev: boolean }): Promise<void> {
  if (!opts.dev && config.serveWeb) ensureWebBuilt();
  const t0 = performance.now();
  const platform = await createPlatform(config);
  if (config.demoOnEmpty && !(await hasWorld(platform))) {
    console.log(`Creating the demo world (${config.demoProducts} products)…`);
    const stats = await createDemoWorld(platform, { products: config.demoProducts, progress: false });
    console.log(`Demo world ready: ${stats.stores} stores, ${stats.products} products, ${stats.skus} SKUs in ${(stats.ms / 1000).toFixed(1)} s`);
  }
  const address = await platform.listen();
  const url = config.publicUrl || address;
  console.log(`\nFlywheel is running at ${url}  (${platform.db.kind}, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`API docs: ${url}/api/docs`);
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(28)} ${a.name}`);
  if (opts.dev) {
    console.log('\nDev mode: web app with hot reload at http://localhost:5173 (proxies /api to this server)');
    const vite = spawn('npm', ['run', 'dev', '-w', 'web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FLYWHEEL_API: url } });
    process.on('exit', () => vite.kill());
  }
  const stop = async () => {
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
