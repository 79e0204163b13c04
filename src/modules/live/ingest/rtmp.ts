// RTMP ingest for live rooms.
//
// Why: streamers' tools (OBS, phone encoders) speak RTMP, viewers' browsers play HLS. node-media-server v4
// is embedded as the RTMP endpoint (handshake, publish/play fan-out; only its RTMP listener is used: no
// HTTP-FLV, no JSON store, no FLV recorder), and one ffmpeg child per live publish pulls the stream back from
// it on loopback and, with -c copy, writes both the low-latency live HLS and the session's replay recording.
//
// Lifecycle of one publish to rtmp://host:port/live/<key>:
//   1. NMS emits prePublish → authorize(key) → a room id, or null: the socket is dropped and nothing is
//      written. A second publisher for a room that already has one is dropped the same way.
//   2. Accepted: once the room's previous publish (if any) has fully ended, ffmpeg is spawned (argv array, the
//      key appears only in its pull URL) writing ${hlsDir}/<room>/index.m3u8 + seg-N.ts and
//      ${recordDir}/<room>/part-<n>.mp4 (n = highest existing part + 1). A reconnect appends to the same
//      playlist (append_list: the sequence continues, with a discontinuity tag), so players keep going; a
//      playlist idle for over a minute is wiped first, so a new show does not start with dead segments.
//   3. onLive(room) when this ffmpeg has written the playlist (polled). Watchdog: no playlist within 20 s, or
//      none updated for 30 s after, drops the publisher.
//   4. Publisher gone (disconnect, kick(), stop()) → ffmpeg's pull socket is closed so it reads to EOF and
//      finalises its files itself (SIGINT, then SIGKILL, as fallbacks) → onStreamEnded(room, recording).
//      If ffmpeg dies on its own, the watchdog logs it, drops the publisher and ends the stream the same way.
// Every accepted publish gets exactly one onStreamEnded, after its onLive (if any) has settled.
//
// NMS keeps its state in process-wide singletons (config, event bus, streams, logger), so one RtmpIngest
// may run per process. Stream keys are limited to [A-Za-z0-9_-] by NMS and never logged here.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import NodeMediaServer, { type NmsSession } from 'node-media-server';
import nmsContext from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';

export interface IngestOptions {
  host: string; // e.g. '127.0.0.1'
  port: number; // RTMP port; 0 picks a free one
  hlsDir: string; // live HLS: `${hlsDir}/${roomId}/index.m3u8` + segments
  recordDir: string; // each publish session: `${recordDir}/${roomId}/part-<n>.mp4` (fragmented MP4)
  ffmpegPath: string;
  /** Called on every publish attempt with the stream key (the last path part of rtmp://host:port/live/<key>). Return the room id, or null to refuse the stream. */
  authorize(streamKey: string): Promise<string | null>;
  onLive(roomId: string): void | Promise<void>; // first HLS playlist written (so viewers can play)
  onStreamEnded(roomId: string, recording: string | null): void | Promise<void>; // publisher disconnected; recording = this session's part
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

const APP = 'live';
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
const POLL_MS = 150;
const LIVE_TIMEOUT_MS = 20_000; // publish accepted → first playlist
const STALL_MS = 30_000; // playlist not updated (a long GOP is ~10 s)
const STALE_HLS_MS = 60_000;
const EOF_GRACE_MS = 4_000; // after closing ffmpeg's pull socket, before SIGINT
const KILL_GRACE_MS = 4_000; // after SIGINT, before SIGKILL

interface Publish {
  readonly roomId: string; readonly key: string; readonly session: NmsSession;
  ended: boolean; // end requested: publisher gone, kicked, ffmpeg died, or stop(); then endSignal resolves
  readonly endSignal: Promise<void>; readonly wake: () => void;
}

let running: RtmpIngest | null = null;

export class RtmpIngest {
  readonly #o: IngestOptions;
  #nms: NodeMediaServer | null = null;
  #port = 0;
  #stopping = false;
  readonly #active = new Map<string, Publish>(); // room → its connected, accepted publisher
  readonly #tails = new Map<string, Promise<void>>(); // room → settles when its latest publish has fully ended
  readonly #listeners: Array<[string, (s: NmsSession) => void]> = [];

  constructor(opts: IngestOptions) { this.#o = opts; }

  async start(): Promise<{ rtmpUrl: string }> {
    if (running) throw new Error('an RtmpIngest is already running in this process (node-media-server state is global)');
    running = this;
    this.#stopping = false;
    const log = this.#o.log;
    // NMS logs through a singleton that console.logs at "debug" (forced by its constructor) and prints stream
    // paths, i.e. keys: keep only its warnings and errors, with the keys masked.
    nmsLogger.log = (message: string, level = 'info') => {
      if (level === 'warn' || level === 'error') log?.warn({ nms: redactPaths(message) }, 'ingest: node-media-server');
    };
    // rtmpServer.tcpServer only exists for a truthy rtmp.port; we listen on it ourselves (NMS's own run()
    // calls process.exit(1) on a listen error, and cannot take port 0).
    const nms = new NodeMediaServer({ bind: this.#o.host, rtmp: { port: this.#o.port || 1 } });
    const tcp = nms.rtmpServer.tcpServer;
    try {
      if (!tcp) throw new Error('node-media-server created no RTMP listener');
      await new Promise<void>((ok, fail) => {
        tcp.once('error', fail);
        tcp.listen(this.#o.port, this.#o.host, () => (tcp.off('error', fail), ok()));
      });
    } catch (err) {
      running = null;
      await nms.stop();
      throw err;
    }
    tcp.on('error', (err) => log?.warn({ err: err.message }, 'ingest: RTMP listener error'));
    this.#port = (tcp.address() as AddressInfo).port;
    this.#nms = nms;
    this.#on('prePublish', (s) => void this.#admit(s));
    this.#on('prePlay', (s) => this.#guardPlay(s));
    log?.info({ host: this.#o.host, port: this.#port }, 'ingest: RTMP listening');
    return { rtmpUrl: `rtmp://${urlHost(this.#o.host)}:${this.#port}/${APP}` };
  }

  /** Ends every live publish (recordings finalised, onStreamEnded called), then stops NMS. */
  async stop(): Promise<void> {
    const nms = this.#nms;
    if (!nms) return;
    this.#stopping = true;
    for (const [event, fn] of this.#listeners.splice(0)) nmsContext.eventEmitter.off(event, fn);
    for (const p of this.#active.values()) this.#end(p);
    await Promise.allSettled([...this.#tails.values()]);
    await nms.stop(); // closes the listener and destroys every RTMP socket
    this.#nms = null;
    running = null;
  }

  /** Drops the room's publisher (e.g. its key was revoked); the stream then ends as on a disconnect. */
  kick(roomId: string): void {
    const p = this.#active.get(roomId);
    if (p) this.#o.log?.info({ roomId }, 'ingest: publisher kicked'), drop(p.session), this.#end(p);
  }

  /** Whether an accepted publisher is connected for the room. */
  isLive(roomId: string): boolean {
    return this.#active.has(roomId);
  }

  #on(event: string, fn: (s: NmsSession) => void): void {
    nmsContext.eventEmitter.on(event, fn);
    this.#listeners.push([event, fn]);
  }

  // Only the local ffmpeg pulls from NMS; nobody else may play the raw RTMP streams.
  #guardPlay(s: NmsSession): void {
    const addr = s.ip.replace(/:\d+$/, '');
    if (addr === '::1' || /^(::ffff:)?127\./.test(addr) || addr === this.#o.host) return;
    this.#o.log?.warn({ ip: s.ip }, 'ingest: refused a non-local RTMP play');
    drop(s);
  }

  async #admit(s: NmsSession): Promise<void> {
    const log = this.#o.log;
    if (s.streamApp !== APP || !SAFE_ID.test(s.streamName)) return drop(s);
    const key = s.streamName;
    let roomId: string | null = null;
    try {
      roomId = await this.#o.authorize(key);
    } catch (err) {
      log?.warn({ err: errMsg(err), ip: s.ip }, 'ingest: authorize failed; refusing the stream');
    }
    if (this.#stopping || !s.socket || s.socket.destroyed) return drop(s);
    if (roomId === null || !SAFE_ID.test(roomId)) {
      log?.info({ ip: s.ip, badRoomId: roomId !== null }, 'ingest: publish refused');
      return drop(s);
    }
    // NMS refuses a second publisher on the same path itself, but only after emitting prePublish.
    if (nmsContext.broadcasts.get(s.streamPath)?.publisher !== s || this.#active.has(roomId)) {
      log?.info({ roomId, ip: s.ip }, 'ingest: publish refused, the room already has a publisher');
      return drop(s);
    }
    let wake = (): void => {};
    const endSignal = new Promise<void>((r) => (wake = r));
    const p: Publish = { roomId, key, session: s, ended: false, endSignal, wake };
    this.#active.set(roomId, p);
    s.socket.once('close', () => this.#end(p));
    const done = (this.#tails.get(roomId) ?? Promise.resolve()).then(() => this.#run(p));
    this.#tails.set(roomId, done);
    void done.then(() => this.#tails.get(p.roomId) === done && this.#tails.delete(p.roomId));
  }

  #end(p: Publish): void {
    if (p.ended) return;
    p.ended = true;
    if (this.#active.get(p.roomId) === p) this.#active.delete(p.roomId);
    p.wake();
  }

  async #run(p: Publish): Promise<void> {
    const { roomId } = p;
    const log = this.#o.log;
    let recording: string | null = null;
    let watch: Promise<void> = Promise.resolve();
    try {
      const hls = resolve(this.#o.hlsDir, roomId);
      const rec = resolve(this.#o.recordDir, roomId);
      const playlist = join(hls, 'index.m3u8');
      const before = await mtime(playlist);
      if (before !== null && Date.now() - before > STALE_HLS_MS) await rm(hls, { recursive: true, force: true });
      await mkdir(hls, { recursive: true });
      await mkdir(rec, { recursive: true });
      const part = await nextPart(rec);
      if (p.ended) return;
      recording = join(rec, `part-${part}.mp4`);
      log?.info({ roomId, part, ip: p.session.ip }, 'ingest: publish accepted');
      const exited = this.#spawn(p, hls, recording);
      watch = this.#watch(p, playlist, (await mtime(playlist)) ?? -1);
      await exited; // after the publisher is gone (ffmpeg is then stopped by #spawn), or on its own (watchdog)
    } catch (err) {
      log?.warn({ roomId, err: errMsg(err) }, 'ingest: publish failed');
      drop(p.session), this.#end(p);
    } finally {
      await watch; // returns promptly once the publish has ended, after onLive (if any) settled
      const size = recording === null ? 0 : ((await stat(recording).catch(() => null))?.size ?? 0);
      log?.info({ roomId, recording: size > 0 ? recording : null }, 'ingest: stream ended');
      await Promise.resolve()
        .then(() => this.#o.onStreamEnded(roomId, size > 0 ? recording : null))
        .catch((err: unknown) => log?.warn({ roomId, err: errMsg(err) }, 'ingest: onStreamEnded failed'));
    }
  }

  /** Resolves when ffmpeg has exited; an exit that was not asked for ends the publish (watchdog). */
  #spawn(p: Publish, hlsDir: string, recording: string): Promise<void> {
    const host = ['0.0.0.0', '::', '', 'localhost'].includes(this.#o.host) ? '127.0.0.1' : this.#o.host;
    const pull = `rtmp://${urlHost(host)}:${this.#port}/${APP}/${p.key}`;
    const child = spawn(this.#o.ffmpegPath, ffmpegArgs(pull, hlsDir, recording), { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => void (tail = (tail + d).slice(-2000)));
    return new Promise((ok) => {
      let settled = false;
      const exit = (code: number | null, signal: string | null, err?: Error): void => {
        if (settled) return;
        settled = true;
        const o = { roomId: p.roomId, code, signal, err: err?.message, stderr: tail.replaceAll(p.key, '***').trim() };
        if (!p.ended) this.#o.log?.warn(o, 'ingest: ffmpeg exited unexpectedly; ending the stream'), drop(p.session), this.#end(p);
        else if (code !== 0) this.#o.log?.info(o, 'ingest: ffmpeg stopped');
        ok();
      };
      child.once('error', (err) => exit(null, null, err));
      child.once('close', (code, signal) => exit(code, signal));
      void p.endSignal.then(async () => {
        // NMS keeps players attached when a publisher leaves: close ffmpeg's pull connection, so it reads what
        // is buffered up to EOF, writes the last segment and the trailers, and exits by itself.
        for (const sub of nmsContext.broadcasts.get(p.session.streamPath)?.subscribers.values() ?? []) sub.close();
        const exited = (): Promise<void> =>
          child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
        if (!(await within(exited(), EOF_GRACE_MS))) child.kill('SIGINT');
        if (!(await within(exited(), KILL_GRACE_MS))) child.kill('SIGKILL');
      });
    });
  }

  // onLive once this ffmpeg has written the playlist; after that, a watchdog: a playlist that stops advancing
  // (stalled encoder, hung ffmpeg) drops the publisher, whose encoder can then reconnect.
  async #watch(p: Publish, playlist: string, baseline: number): Promise<void> {
    let last = baseline;
    let deadline = Date.now() + LIVE_TIMEOUT_MS;
    let live = false;
    while (!p.ended) {
      const m = await mtime(playlist);
      if (m !== null && m > last) {
        last = m;
        deadline = Date.now() + STALL_MS;
        if (!live) {
          live = true;
          await Promise.resolve()
            .then(() => this.#o.onLive(p.roomId))
            .catch((err: unknown) => this.#o.log?.warn({ roomId: p.roomId, err: errMsg(err) }, 'ingest: onLive failed'));
        }
      } else if (Date.now() > deadline) {
        this.#o.log?.warn({ roomId: p.roomId }, `ingest: ${live ? 'HLS output stalled' : 'no HLS output in time'}; dropping the publisher`);
        return drop(p.session), this.#end(p);
      }
      await within(p.endSignal, live ? 1_000 : POLL_MS);
    }
  }
}

function ffmpegArgs(pullUrl: string, hlsDir: string, recording: string): string[] {
  const copy = ['-map', '0:v?', '-map', '0:a?', '-c', 'copy'];
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'warning',
    '-i', pullUrl,
    // Live HLS: ~1 s segments (cut at the publisher's keyframes, so a long GOP makes longer ones), 6 listed,
    // 3 more kept on disk for slow players. A segment is listed only once complete; temp_file also makes newer
    // ffmpegs write it as .tmp first (the 2018 @ffmpeg-installer build ignores that and warns).
    ...copy, '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_delete_threshold', '3',
    '-hls_flags', 'delete_segments+append_list+omit_endlist+temp_file+independent_segments',
    '-hls_segment_filename', join(hlsDir.replaceAll('%', '%%'), 'seg-%d.ts'),
    join(hlsDir, 'index.m3u8'),
    // Replay recording: fragmented MP4, so a part stays readable (up to its last fragment) even if ffmpeg is
    // killed before its trailer. Not MPEG-TS: the @ffprobe-installer binary segfaults on any .ts file.
    ...copy, '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', recording,
  ];
}

const drop = (s: NmsSession): void => (s.socket ? void s.socket.destroy() : s.close());

const mtime = async (file: string): Promise<number | null> => (await stat(file).catch(() => null))?.mtimeMs ?? null;

async function nextPart(dir: string): Promise<number> {
  let max = 0;
  for (const name of await readdir(dir)) max = Math.max(max, Number(/^part-(\d+)\.\w+$/.exec(name)?.[1] ?? 0));
  return max + 1;
}

/** true when p settled within ms. */
function within(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  return Promise.race([p.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

const urlHost = (h: string): string => (h.includes(':') ? `[${h}]` : h);
const redactPaths = (m: string): string => m.replace(/\/([A-Za-z0-9_-]+)\/[^\s,]+/g, '/$1/***').replace(/name=[^\s,]*/g, 'name=***');
const errMsg = (err: unknown): string => (err instanceof Error ? err.message : String(err));
