// The live module's moving parts wired together: the RTMP ingest reports streams to the rooms,
// the rooms push state to the hub, the hub's gathered interactions go to the counters and the
// event log, and two jobs finish what streams leave behind (a room whose stream never came back
// ends; an ended room's recording becomes a replay video). With a relay (REDIS_URL) several
// processes share rooms: a change made here makes every process re-read the room (relay.ts).
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Log } from '../../platform/log.ts';
import { ffmpegPath, runTool } from '../../platform/media/ffmpeg.ts';
import type { VideoUploads } from '../content/upload.ts';
import type { VideoService } from '../content/videos.ts';
import { RoomHub, type Interaction } from './hub.ts';
import { RtmpIngest } from './ingest/rtmp.ts';
import type { RoomRelay } from './relay.ts';
import { LIVE_EVENTS, type RoomService } from './rooms.ts';
import type { Sanctions } from './sanctions.ts';

const GRACE_JOB = 'live.stream_grace';
/** Likes counted per viewer per batch (batches are 500 ms apart): about 20 taps a second. */
const MAX_LIKES_PER_BATCH = 10;
const REPLAY_JOB = 'live.replay';

export class Live {
  readonly hub: RoomHub;
  readonly hlsDir: string;
  private readonly recordDir: string;
  private ingest: RtmpIngest | null = null;
  private rtmpUrl: string | null = null;
  /** The state each room's viewers last got, to push only changes. */
  private readonly pushed = new Map<string, string>();
  /** Rooms with a flash sale or coupons on: units and copies left are re-read every second while anyone watches. */
  private readonly ticking = new Set<string>();
  private readonly ticker: NodeJS.Timeout;
  private readonly unlisten: () => void;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    readonly rooms: RoomService,
    readonly sanctions: Sanctions,
    private readonly content: { videos: VideoService; uploads: VideoUploads },
    private readonly config: Config,
    private readonly log?: Log,
    private readonly relay?: RoomRelay,
  ) {
    this.hlsDir = join(config.dataDir, 'live', 'hls');
    this.recordDir = join(config.dataDir, 'live', 'recordings');
    const c = config.live;
    this.hub = new RoomHub({
      maxCommentChars: c.maxCommentChars,
      commentsPerUserPerWindow: c.commentsPerUserPerWindow,
      commentWindowMs: c.commentWindowSeconds * 1000,
      commentsPerRoomPerSecond: c.commentsPerRoomPerSecond,
      likeTickMs: 500,
      viewerTickMs: 1000,
      maxBufferedBytes: 256 * 1024,
      moderation: (roomId, userId) => sanctions.check(roomId, userId),
      onInteractions: (batch) => void this.record(batch).catch((err: unknown) => log?.error({ err }, 'live interactions not recorded')),
      relay,
    });
    const push = (roomId: string) => void this.push(roomId).catch((err: unknown) => log?.error({ err, roomId }, 'live state not pushed'));
    rooms.onChange = (roomId) => {
      relay?.changed(roomId);
      push(roomId);
    };
    // Another process changed a room: the database is shared, so re-read it here, its sanctions
    // too (a mute there holds here). A ban there kicks the user here too (the hub does).
    this.unlisten =
      relay?.listen({
        changed: (roomId) => {
          if (this.hub.viewers(roomId) > 0) void this.reloadSanctions(roomId);
          push(roomId);
        },
        kick: (roomId) => void this.reloadSanctions(roomId),
      }) ?? (() => {});
    rooms.onKeyRevoked = (roomId) => this.ingest?.kick(roomId);
    rooms.viewersNow = (roomId) => this.hub.viewers(roomId);
    // Each process re-reads its own watched rooms (not relayed: the others tick too).
    this.ticker = setInterval(() => {
      for (const roomId of this.ticking) if (this.hub.viewers(roomId) > 0) push(roomId);
    }, 1000);
    this.ticker.unref();
  }

  /** A host muted, banned or forgave someone here: the other processes re-read the room's sanctions. */
  sanctionsChanged(roomId: string): void {
    this.relay?.changed(roomId);
  }

  /** Where hosts push: the configured public address, else the embedded ingest's own. */
  ingestUrl(): string {
    return this.config.live.publicRtmpUrl ?? this.rtmpUrl ?? `rtmp://${this.config.live.rtmpHost}:${this.config.live.rtmpPort}/live`;
  }

  register(): void {
    this.jobs.register<{ roomId: string; sessions: number }>(GRACE_JOB, async (p) => {
      const row = await this.rooms.row(p.roomId);
      if (!row || row.status !== 'live' || row.stream_connected || row.stream_sessions !== p.sessions) return { ended: false };
      await this.rooms.end(p.roomId, 'grace_expired');
      return { ended: true };
    });
    this.jobs.register<{ roomId: string }>(REPLAY_JOB, async (p) => ({ videoId: await this.makeReplay(p.roomId) }), { timeoutMs: 30 * 60_000, concurrency: 1 });
    this.bus.subscribe<{ roomId: string }>('live.replay', LIVE_EVENTS.ended, async (e, tx) => {
      await this.jobs.enqueue(tx, REPLAY_JOB, { roomId: e.payload.roomId }, { dedupeKey: `replay:${e.payload.roomId}` });
    });
  }

  async start(): Promise<void> {
    if (!this.config.live.ingest) return;
    this.ingest = new RtmpIngest({
      host: this.config.live.rtmpHost,
      port: this.config.live.rtmpPort,
      hlsDir: this.hlsDir,
      recordDir: this.recordDir,
      ffmpegPath: ffmpegPath(),
      authorize: (key) => this.rooms.roomForKey(key),
      onLive: (roomId) => this.rooms.streamArrived(roomId),
      onStreamEnded: async (roomId) => {
        await this.rooms.streamLeft(roomId);
        const row = await this.rooms.row(roomId);
        if (row?.status === 'live') {
          const runAt = new Date(Date.now() + this.config.live.reconnectGraceSeconds * 1000);
          await this.jobs.enqueue(this.db, GRACE_JOB, { roomId, sessions: row.stream_sessions }, { runAt, dedupeKey: `grace:${roomId}:${row.stream_sessions}` });
        }
      },
      log: this.log,
    });
    this.rtmpUrl = (await this.ingest.start()).rtmpUrl;
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.unlisten();
    this.hub.close();
    await this.relay?.close();
    await this.ingest?.stop();
    this.ingest = null;
  }

  private async push(roomId: string): Promise<void> {
    const state = await this.rooms.state(roomId);
    if ((state.flashSales.length > 0 || state.coupons.length > 0) && state.status !== 'ended') this.ticking.add(roomId);
    else this.ticking.delete(roomId);
    const json = JSON.stringify(state);
    if (this.pushed.get(roomId) !== json) {
      this.pushed.set(roomId, json);
      this.hub.setState(roomId, state);
    }
    if (state.status === 'ended') {
      this.hub.end(roomId);
      this.sanctions.forget(roomId);
      this.pushed.delete(roomId);
    }
  }

  private async reloadSanctions(roomId: string): Promise<void> {
    this.sanctions.forget(roomId);
    await this.sanctions.load(roomId).catch((err: unknown) => this.log?.error({ err, roomId }, 'live sanctions not reloaded'));
  }

  /** One event per batch for the distribution engine; likes, comments and peak viewers on the room. */
  private async record(batch: Interaction[]): Promise<void> {
    const byRoom = new Map<string, { likes: number; comments: number }>();
    for (const i of batch) {
      const c = byRoom.get(i.roomId) ?? { likes: 0, comments: 0 };
      // A socket may send up to 1,000 taps a second; count at most a finger's worth per batch.
      if (i.kind === 'like') c.likes += Math.min(i.n ?? 1, MAX_LIKES_PER_BATCH);
      if (i.kind === 'comment') c.comments += 1;
      byRoom.set(i.roomId, c);
    }
    for (const [roomId, c] of byRoom) await this.rooms.addCounts(roomId, { ...c, viewers: this.hub.viewers(roomId) });
    await this.db.tx((tx) => this.bus.publish(tx, LIVE_EVENTS.interactions, { items: batch }));
  }

  /** Joins the room's recorded parts (one per stream session) and publishes them as a video. */
  private async makeReplay(roomId: string): Promise<string | null> {
    const row = await this.rooms.row(roomId);
    if (!row || row.replay_video_id) return row?.replay_video_id ?? null;
    const dir = join(this.recordDir, roomId);
    const parts = (await readdir(dir).catch(() => [] as string[]))
      .map((f) => /^part-(\d+)\.mp4$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => join(dir, m[0]));
    if (parts.length === 0) return null;
    const list = join(dir, 'parts.txt');
    const out = join(dir, 'replay.mp4');
    // The concat demuxer's list is our own file of our own paths (no user text in it).
    await writeFile(list, parts.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n'));
    await runTool(ffmpegPath(), ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', out], { timeoutMs: 20 * 60_000 });
    const bag = (await this.rooms.state(roomId, row)).bag.map((c) => c.id);
    const video = await this.content.videos.create(row.host_id, { title: `${row.title} · 直播回放`.slice(0, 100), tags: ['直播回放'], productIds: bag.slice(0, this.config.videos.maxAnchors) });
    // A replay is as long as the live was: the upload length limit is for uploads.
    const accepted = await this.content.uploads.accept(video.id, row.host_id, out, (await stat(out)).size, { maxSeconds: 24 * 3600 }).catch(async (err: unknown) => {
      await this.content.videos.remove(video.id, row.host_id); // no empty draft left behind; the job tries again
      throw err;
    });
    await this.rooms.setReplay(this.db, roomId, accepted.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return accepted.id;
  }
}
