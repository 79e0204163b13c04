// Transcode: the video pipeline's time from upload to ready (HTTP upload, content checks with
// ffprobe, the durable job, ffmpeg, verification, publishing) against bare ffmpeg running the very
// same command on the same file, alternating in the same run. Target: pipeline / bare ≤ 1.10.
//   npm run bench -- transcode [--seconds 10] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatform } from '../src/main.ts';
import { hlsPlan } from '../src/modules/content/hls-plan.ts';
import { loadConfig } from '../src/platform/config.ts';
import { ffmpegPath, runTool } from '../src/platform/media/ffmpeg.ts';
import { flag, report, round } from './_util.ts';

const seconds = flag('seconds', 10);
const rounds = flag('rounds', 3);
const dir = mkdtempSync(join(tmpdir(), 'fw-bench-transcode-'));
const source = join(dir, 'source.mp4');
// A phone-shaped source: 720×1280, 30 fps, with sound, at a phone's bitrate.
await runTool(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=720x1280:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '6M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', source], { timeoutMs: 300_000 });
const data = await readFile(source);

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false' });
const platform = await createPlatform(config, { logger: false });
const url = await platform.listen();
const user = await platform.services.identity.register({ email: 'bench@example.com', password: 'bench-password-1', displayName: 'bench', roles: ['creator'] });
const { token } = await platform.services.identity.createSession(user.id, 'bearer', 'bench');
const auth = { authorization: `Bearer ${token}` };

async function bare(): Promise<number> {
  const out = join(dir, 'bare');
  await rm(out, { recursive: true, force: true });
  const plan = hlsPlan({ input: source, outDir: out, width: 720, height: 1280, durationSec: seconds, hasAudio: true, preset: config.videos.preset, segmentSeconds: config.videos.segmentSeconds });
  const t0 = performance.now();
  await Promise.all(plan.renditions.map((_, i) => mkdir(join(out, String(i)), { recursive: true })));
  await runTool(ffmpegPath(), plan.args, { timeoutMs: 600_000 });
  return performance.now() - t0;
}

async function pipeline(): Promise<{ totalMs: number; uploadMs: number }> {
  const t0 = performance.now();
  const created = (await (await fetch(`${url}/api/v1/videos`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'bench' }) })).json()) as { id: string };
  const fd = new FormData();
  fd.append('file', new Blob([data], { type: 'video/mp4' }), 'bench.mp4');
  const up = await fetch(`${url}/api/v1/videos/${created.id}/source`, { method: 'PUT', headers: auth, body: fd });
  if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const uploadMs = performance.now() - t0;
  for (;;) {
    const row = await platform.services.videos.row(created.id);
    if (row?.status === 'ready') break;
    if (row?.status === 'failed') throw new Error(`transcode failed: ${row.failure_reason}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { totalMs: performance.now() - t0, uploadMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bares: number[] = [];
const pipes: Array<{ totalMs: number; uploadMs: number }> = [];
await bare(); // warm the page cache and the binary
for (let i = 0; i < rounds; i++) {
  bares.push(await bare());
  pipes.push(await pipeline());
}
await platform.close();
rmSync(dir, { recursive: true, force: true });

const bareMs = median(bares);
const pipeMs = median(pipes.map((p) => p.totalMs));
report(
  'transcode',
  {
    sourceSeconds: seconds,
    sourceMB: round(data.length / 1024 / 1024),
    preset: config.videos.preset,
    bareFfmpegMs: Math.round(bareMs),
    pipelineMs: Math.round(pipeMs),
    uploadAndChecksMs: Math.round(median(pipes.map((p) => p.uploadMs))),
    ratio: round(pipeMs / bareMs, 3),
    realtimeFactor: round((seconds * 1000) / pipeMs, 2),
  },
  { ratio: '<= 1.10' },
);
