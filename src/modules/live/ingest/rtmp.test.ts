// End-to-end: real node-media-server + real ffmpeg, pushing a generated test stream over RTMP.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from './bin.ts';
import { RtmpIngest } from './rtmp.ts';

const ROOMS: Record<string, string> = { GOODKEY: 'room-a', KEY_B: 'room-b', KEY_C: 'room-c' };
const ffmpeg = resolveFfmpeg();

function ffprobePath(): string {
  if (spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0) return 'ffprobe';
  const mod: unknown = createRequire(import.meta.url)('@ffprobe-installer/ffprobe');
  if (typeof mod === 'object' && mod !== null && 'path' in mod && typeof mod.path === 'string') return mod.path;
  throw new Error('no ffprobe');
}

function duration(file: string): number {
  const r = spawnSync(ffprobePath(), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

/** Segment numbers (seg-N.ts) of a playlist, each flagged when a discontinuity tag precedes it. */
function entries(playlist: string): Array<{ n: number; discontinuity: boolean }> {
  const out: Array<{ n: number; discontinuity: boolean }> = [];
  let disc = false;
  for (const line of playlist.split('\n')) {
    if (line.startsWith('#EXT-X-DISCONTINUITY')) disc = true;
    const m = /^seg-(\d+)\.ts$/.exec(line.trim());
    if (m) out.push({ n: Number(m[1]), discontinuity: disc }), (disc = false);
  }
  return out;
}

type Event = { kind: 'live' | 'ended'; roomId: string; recording?: string | null; at: number };

describe('RtmpIngest', () => {
  const root = mkdtempSync(join(tmpdir(), 'fw-ingest-'));
  const hlsDir = join(root, 'hls');
  const recordDir = join(root, 'rec');
  const events: Event[] = [];
  const authorized: string[] = [];
  const logs: string[] = [];
  let ingest: RtmpIngest;
  let url = '';

  /** Resolves with the n-th (1-based) event of this kind for the room. */
  function waitFor(kind: Event['kind'], roomId: string, n = 1, ms = 20_000): Promise<Event> {
    const deadline = Date.now() + ms;
    return new Promise((ok, fail) => {
      const tick = (): void => {
        const hit = events.filter((e) => e.kind === kind && e.roomId === roomId)[n - 1];
        if (hit) ok(hit);
        else if (Date.now() > deadline) fail(new Error(`no ${kind} #${n} for ${roomId}`));
        else setTimeout(tick, 50);
      };
      tick();
    });
  }

  /** Pushes a generated H.264/AAC stream; resolves with ffmpeg's exit code. */
  function push(key: string, seconds: number): { started: number; exit: Promise<number | null> } {
    const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440',
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'flv', `${url}/${key}`];
    const child = spawn(ffmpeg, args, { stdio: 'ignore' });
    return { started: Date.now(), exit: new Promise((ok) => child.once('close', (code) => ok(code))) };
  }

  beforeAll(async () => {
    ingest = new RtmpIngest({
      host: '127.0.0.1', port: 0, hlsDir, recordDir, ffmpegPath: ffmpeg,
      authorize: async (key) => (authorized.push(key), ROOMS[key] ?? null),
      onLive: (roomId) => void events.push({ kind: 'live', roomId, at: Date.now() }),
      onStreamEnded: (roomId, recording) => void events.push({ kind: 'ended', roomId, recording, at: Date.now() }),
      log: { info: (o, m) => void logs.push(`${m} ${JSON.stringify(o)}`), warn: (o, m) => void logs.push(`${m} ${JSON.stringify(o)}`) },
    });
    url = (await ingest.start()).rtmpUrl;
  });

  afterAll(async () => {
    await ingest?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('turns an accepted push into live HLS and a finalised recording', async () => {
    expect(url).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/);
    const { started, exit } = push('GOODKEY', 6);
    const live = await waitFor('live', 'room-a');
    console.log(`push start → onLive: ${live.at - started} ms`);
    expect(ingest.isLive('room-a')).toBe(true);

    const playlist = readFileSync(join(hlsDir, 'room-a', 'index.m3u8'), 'utf8');
    const segments = playlist.split('\n').filter((l) => l.endsWith('.ts'));
    expect(playlist).toContain('#EXTM3U');
    expect(segments.length).toBeGreaterThan(0);
    expect(existsSync(join(hlsDir, 'room-a', segments[0]!))).toBe(true);

    expect(await exit).toBe(0);
    const ended = await waitFor('ended', 'room-a');
    expect(ended.recording).toBe(join(recordDir, 'room-a', 'part-1.mp4'));
    expect(duration(ended.recording!)).toBeGreaterThanOrEqual(4);
    expect(ingest.isLive('room-a')).toBe(false);
  });

  it('refuses an unknown key: the push fails and nothing is written', async () => {
    const before = [readdirSync(hlsDir), readdirSync(recordDir)];
    const { exit } = push('WRONGKEY', 3);
    expect(await exit).not.toBe(0);
    expect(authorized).toContain('WRONGKEY');
    expect([readdirSync(hlsDir), readdirSync(recordDir)]).toEqual(before);
    expect(events.filter((e) => e.roomId !== 'room-a')).toEqual([]);
  });

  it('a dropped and reconnected publisher goes live again, with a new recording part', async () => {
    const playlistPath = join(hlsDir, 'room-b', 'index.m3u8');
    expect(await push('KEY_B', 3).exit).toBe(0);
    const first = await waitFor('ended', 'room-b', 1);
    const firstLast = Math.max(...entries(readFileSync(playlistPath, 'utf8')).map((e) => e.n));
    expect(await push('KEY_B', 3).exit).toBe(0);
    const second = await waitFor('ended', 'room-b', 2);

    expect(events.filter((e) => e.roomId === 'room-b').map((e) => e.kind)).toEqual(['live', 'ended', 'live', 'ended']);
    expect([first.recording, second.recording]).toEqual([join(recordDir, 'room-b', 'part-1.mp4'), join(recordDir, 'room-b', 'part-2.mp4')]);
    for (const r of [first.recording!, second.recording!]) expect(duration(r)).toBeGreaterThan(1.5);
    // One playlist across both sessions: the second continued the first's numbering (nothing overwritten)
    // and marked the join with a discontinuity, so a playing viewer carries on.
    const playlist = readFileSync(playlistPath, 'utf8');
    const list = entries(playlist);
    const ns = list.map((e) => e.n);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
    const join2 = list.find((e) => e.n > firstLast);
    expect(join2?.n).toBe(firstLast + 1);
    expect(join2?.discontinuity).toBe(true);
    expect(playlist).not.toContain('#EXT-X-ENDLIST');
  });

  it('refuses a second publisher on a live room, and kick() ends the first', async () => {
    const a = push('KEY_C', 15);
    await waitFor('live', 'room-c');
    const b = push('KEY_C', 3);
    expect(await b.exit).not.toBe(0);
    expect(ingest.isLive('room-c')).toBe(true);

    ingest.kick('room-c');
    expect(ingest.isLive('room-c')).toBe(false);
    expect(await a.exit).not.toBe(0);
    const ended = await waitFor('ended', 'room-c');
    expect(ended.recording).toBe(join(recordDir, 'room-c', 'part-1.mp4'));
    expect(events.filter((e) => e.roomId === 'room-c').map((e) => e.kind)).toEqual(['live', 'ended']);
    // No stream key in any log line, node-media-server's own included (it reported the refused duplicate).
    expect(logs.some((l) => l.includes('/live/***'))).toBe(true);
    for (const key of [...Object.keys(ROOMS), 'WRONGKEY']) expect(logs.join('\n')).not.toContain(key);
  });
});
