import { createPlatform } from '../main.ts';
import type { Config } from '../platform/config.ts';
import { createDemoWorld, hasWorld } from '../demo/world.ts';

/** `flywheel demo [--products N]`: creates the demo world in the configured database. */
export async function runDemo(config: Config, opts: { products: number; progress: boolean }): Promise<void> {
  const platform = await createPlatform({ ...config, serveWeb: false }, { logger: false });
  try {
    if (await hasWorld(platform)) {
      console.error('This database already has a world; point DATA_DIR or DATABASE_URL at an empty one.');
      process.exitCode = 1;
      return;
    }
    const stats = await createDemoWorld(platform, opts);
    console.log(JSON.stringify({ demo: stats }));
  } finally {
    await platform.close();
  }
}
