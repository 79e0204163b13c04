import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPlatform } from '../main.ts';
import type { Config } from '../platform/config.ts';
import { ensureWebBuilt } from '../platform/web-build.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, createDemoWorld, hasWorld } from '../demo/world.ts';
import { registerDemoContent, seedDemoContent } from '../demo/content.ts';
import { seedDemoOrders } from '../demo/orders.ts';
import { seedDemoAlliance } from '../demo/alliance.ts';
import { seedDemoCare } from '../demo/care.ts';
import { seedDemoCampaigns } from '../demo/campaigns.ts';

export async function runStart(config: Config, opts: { dev: boolean }): Promise<void> {
  if (!opts.dev && config.serveWeb) ensureWebBuilt();
  const t0 = performance.now();
  const platform = await createPlatform(config);
  // Stopping interrupts the demo video job at once; it carries on at the next start.
  const stopping = new AbortController();
  registerDemoContent(platform, stopping.signal);
  let newWorld = false;
  if (config.demoOnEmpty) {
    if (!(await hasWorld(platform))) {
      newWorld = true;
      console.log(`Creating the demo world (${config.demoProducts} products)…`);
      const stats = await createDemoWorld(platform, { products: config.demoProducts, progress: false });
      console.log(`Demo world ready: ${stats.stores} stores, ${stats.products} products, ${stats.skus} SKUs in ${(stats.ms / 1000).toFixed(1)} s`);
      // The alliance (精选联盟) before the orders, some of which are bought on the demo creators'
      // showcases; before listen(), so its events wait for the bus instead of competing with it.
      // A failure leaves a world without plans, not a platform that does not start.
      try {
        const a = await seedDemoAlliance(platform);
        if (!a.skipped) console.log(`Demo alliance: ${a.plans} commission plans in ${a.stores} stores, ${a.showcased} goods in ${a.creators} creators' showcases in ${(a.ms / 1000).toFixed(1)} s`);
      } catch (err) {
        console.warn(`Demo alliance not seeded: ${err instanceof Error ? err.message : String(err)}`);
      }
      // The 山货上行 programme with the rural stores' goods enrolled (campaigns' services; events wait for the bus).
      try {
        const c = await seedDemoCampaigns(platform);
        if (!c.skipped) console.log(`Demo campaigns: ${c.campaigns} programme with ${c.enrolled} goods enrolled in ${(c.ms / 1000).toFixed(1)} s`);
      } catch (err) {
        console.warn(`Demo campaigns not seeded: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const address = await platform.listen();
  // The demo world's first orders, once (when the world was just made): after listen(), since
  // their payments reach the platform as the sandbox PSP's webhooks over HTTP. A failure here
  // leaves a world without orders, not a platform that does not start.
  if (newWorld) {
    try {
      const o = await seedDemoOrders(platform);
      console.log(`Demo orders: ${o.orders} orders (${o.paid} paid, ${o.shipped} shipped; ${o.showcase} on creators' showcases, ${o.showcaseShipped} of them shipped) from ${o.checkouts} checkouts in ${o.stores} stores in ${(o.ms / 1000).toFixed(1)} s`);
    } catch (err) {
      console.warn(`Demo orders not placed: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The service desk's agents and its first conversations, on those orders.
    try {
      const c = await seedDemoCare(platform);
      if (!c.skipped) console.log(`Demo service desk: ${c.agents} agents, ${c.tickets} conversations in ${(c.ms / 1000).toFixed(1)} s`);
    } catch (err) {
      console.warn(`Demo service desk not seeded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (config.demoOnEmpty) {
    // Once per world: the demo merchants' live rooms now, their short videos in the background
    // (queued after the orders, so making the videos does not slow placing them).
    const seeded = await seedDemoContent(platform, { videos: config.demoVideos, signal: stopping.signal });
    if (seeded.roomsCreated || seeded.videosQueued) console.log(`Demo content: ${seeded.roomsCreated} live rooms scheduled, ${seeded.videosQueued} short videos being made in the background`);
  }
  const url = config.publicUrl || address;
  console.log(`\nFlywheel is running at ${url}  (${platform.db.kind}, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`API docs: ${url}/api/docs`);
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(28)} ${a.name}`);
  if (opts.dev) {
    console.log('\nDev mode: web app with hot reload at http://localhost:5173 (proxies /api to this server)');
    const vite = spawn('npm', ['run', 'dev', '-w', 'web'], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: 'inherit', env: { ...process.env, FLYWHEEL_API: url } });
    process.on('exit', () => vite.kill());
  }
  const stop = async () => {
    stopping.abort();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
