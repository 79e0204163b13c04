#!/usr/bin/env node
// Entry point of the `flywheel` command: registers tsx's loader so the TypeScript sources run
// directly (the server has no separate build step), then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
