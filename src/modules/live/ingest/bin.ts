// Stand-in ffmpeg resolver until src/platform/media/ffmpeg.ts (ffmpegPath()) lands; swap the import then.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

let cached: string | undefined;

/** 'ffmpeg' when a system ffmpeg runs, else the binary shipped by @ffmpeg-installer/ffmpeg. */
export function resolveFfmpeg(): string {
  if (cached !== undefined) return cached;
  const probe = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  if (probe.status === 0) return (cached = 'ffmpeg');
  const mod: unknown = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg');
  if (typeof mod === 'object' && mod !== null && 'path' in mod && typeof mod.path === 'string') return (cached = mod.path);
  throw new Error('no ffmpeg: not on PATH and @ffmpeg-installer/ffmpeg has no path');
}
