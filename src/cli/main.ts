// `flywheel <command>`: start (default), dev, demo, cluster.
import { ConfigError, loadConfig } from '../platform/config.ts';
import { runDemo } from './demo.ts';
import { runStart } from './start.ts';

const [command = 'start', ...args] = process.argv.slice(2);

// The engine's offline tools need no configuration or database.
if (command === 'recs') {
  const { runRecs } = await import('./recs.ts');
  process.exit(await runRecs(args));
}

function flag(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

try {
  const config = loadConfig();
  switch (command) {
    case 'start':
      await runStart(config, { dev: false });
      break;
    case 'dev':
      await runStart(config, { dev: true });
      break;
    case 'demo': {
      const products = Number(flag('products') ?? config.demoProducts);
      if (!Number.isInteger(products) || products < 0) throw new ConfigError([`--products must be a whole number (got "${flag('products')}")`]);
      await runDemo(config, { products, progress: process.stdout.isTTY || args.includes('--progress') });
      break;
    }
    case 'cluster': {
      const { runCluster } = await import('./cluster.ts');
      await runCluster(config, flag);
      break;
    }
    default:
      console.error(`Unknown command "${command}". Commands: start, dev, demo [--products N], cluster [--api N --worker N --ingest N --port P], recs offline|eval`);
      process.exit(2);
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}
