// Real media for tests, made with the same ffmpeg the platform uses: a test pattern and a tone.
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath, runTool } from '../../src/platform/media/ffmpeg.ts';

export interface MadeVideo {
  path: string;
  data: Buffer;
}

export async function makeVideo(opts: { seconds: number; width?: number; height?: number; audio?: boolean; faststart?: boolean; format?: 'mp4' | 'webm' } = { seconds: 5 }): Promise<MadeVideo> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-video-'));
  const format = opts.format ?? 'mp4';
  const path = join(dir, `test.${format}`);
  const size = `${opts.width ?? 360}x${opts.height ?? 640}`;
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`];
  if (opts.audio !== false) args.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100');
  args.push('-t', String(opts.seconds));
  if (format === 'webm') args.push('-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '500k');
  else args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (opts.audio !== false) args.push(...(format === 'webm' ? ['-c:a', 'libvorbis'] : ['-c:a', 'aac']), '-shortest');
  if (opts.faststart) args.push('-movflags', '+faststart');
  args.push(path);
  await runTool(ffmpegPath(), args, { timeoutMs: 60_000 });
  return { path, data: await readFile(path) };
}

export async function dropVideo(v: MadeVideo): Promise<void> {
  await rm(join(v.path, '..'), { recursive: true, force: true });
}

export const videoForm = (data: Buffer, name = 'clip.mp4', type = 'video/mp4') => {
  const fd = new FormData();
  fd.append('file', new Blob([data], { type }), name);
  return fd;
};
