// The transcode job: source → adaptive HLS (two renditions) + poster, in a private directory that
// becomes visible only when everything checked out, so nothing is ever half-published. Media
// problems (ffmpeg fails, output shorter than the source says) fail the video with a reason a
// creator can act on and are not retried; anything else (the database) is retried by the queue.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Log } from '../../platform/log.ts';
import { ffmpegPath, MediaToolError, runTool } from '../../platform/media/ffmpeg.ts';
import { hlsPlan, masterPlaylist, measure, parseMediaPlaylist, type MeasuredRendition } from './hls-plan.ts';
import { publicReason, TRANSCODE_JOB } from './upload.ts';
import type { VideoRow, VideoService } from './videos.ts';

export interface TranscodeSettings {
  preset: string;
  segmentSeconds: number;
  timeoutSeconds: number;
  concurrency: number;
}

type Outcome = 'ready' | 'failed' | 'stale';

export type FailureCode = 'transcode_failed' | 'timed_out' | 'damaged' | 'no_picture';

class MediaFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

export class Transcoder {
  constructor(
    private readonly db: Db,
    private readonly videos: VideoService,
    private readonly settings: TranscodeSettings,
    private readonly log?: Log,
  ) {}

  register(jobs: JobQueue): void {
    jobs.register<{ videoId: string; rev: number }>(TRANSCODE_JOB, async (p, ctx) => ({ outcome: await this.run(p.videoId, p.rev, ctx.signal) }), {
      timeoutMs: (this.settings.timeoutSeconds + 30) * 1000,
      concurrency: this.settings.concurrency,
    });
  }

  async run(videoId: string, rev: number, signal?: AbortSignal): Promise<Outcome> {
    const row = await this.videos.row(videoId);
    if (!row || row.source_rev !== rev || row.status !== 'processing') return 'stale';
    const base = join(this.videos.dir, videoId);
    const work = join(base, `work-${rev}`);
    try {
      const renditions = await this.transcode(row, join(base, `source-${rev}`), work, signal);
      await rm(join(base, String(rev)), { recursive: true, force: true });
      await rename(work, join(base, String(rev)));
      const done = await this.db.tx(async (tx) => {
        const [v] = await tx.query<{ id: string }>(
          `UPDATE videos SET status = 'ready', renditions = $3, updated_at = now() WHERE id = $1 AND source_rev = $2 AND status = 'processing' AND deleted_at IS NULL RETURNING id`,
          [videoId, rev, JSON.stringify(renditions.map((r) => ({ name: r.name, width: r.width, height: r.height, averageBps: r.averageBps })))],
        );
        if (v) await this.videos.publishEvent(tx, videoId);
        return Boolean(v);
      });
      await this.sweep(base, done ? rev : -1);
      return done ? 'ready' : 'stale';
    } catch (err) {
      await rm(work, { recursive: true, force: true });
      if (!(err instanceof MediaFailure)) throw err;
      this.log?.warn({ videoId, rev, reason: err.message }, 'transcode failed');
      await this.db.query(
        `UPDATE videos SET status = 'failed', failure_code = $3, failure_reason = $4, updated_at = now() WHERE id = $1 AND source_rev = $2 AND status = 'processing'`,
        [videoId, rev, err.code, err.message],
      );
      return 'failed';
    }
  }

  private async transcode(row: VideoRow, source: string, work: string, signal?: AbortSignal): Promise<MeasuredRendition[]> {
    await rm(work, { recursive: true, force: true });
    const plan = hlsPlan({
      input: source,
      outDir: work,
      width: row.width ?? 0,
      height: row.height ?? 0,
      durationSec: (row.duration_ms ?? 0) / 1000,
      hasAudio: Boolean(row.source_has_audio),
      preset: this.settings.preset,
      segmentSeconds: this.settings.segmentSeconds,
    });
    await Promise.all(plan.renditions.map((_, i) => mkdir(join(work, String(i)), { recursive: true })));
    try {
      await runTool(ffmpegPath(), plan.args, { timeoutMs: this.settings.timeoutSeconds * 1000, signal });
    } catch (e) {
      if (e instanceof MediaToolError) throw new MediaFailure(e.message.startsWith('timed out') ? 'timed_out' : 'transcode_failed', `Transcoding failed: ${publicReason(e.message)}`);
      throw e;
    }
    const measured: MeasuredRendition[] = [];
    for (const [i, r] of plan.renditions.entries()) {
      const segments = parseMediaPlaylist(await readFile(join(work, String(i), 'index.m3u8'), 'utf8').catch(() => ''));
      const seconds = segments.reduce((s, x) => s + x.seconds, 0);
      // A damaged file can decode only in part: publishing the part would be a broken video.
      const expected = (row.duration_ms ?? 0) / 1000;
      if (segments.length === 0 || seconds < expected * 0.9 - 0.5) throw new MediaFailure('damaged', `The video is damaged: only ${seconds.toFixed(1)} of ${expected.toFixed(1)} s could be decoded`);
      const sizes = await Promise.all(segments.map(async (s) => [(await stat(join(work, String(i), s.uri))).size, s.seconds] as [number, number]));
      measured.push(measure(r, sizes));
    }
    await stat(join(work, 'poster.jpg')).catch(() => {
      throw new MediaFailure('no_picture', 'No picture could be taken from the video for its poster');
    });
    await writeFile(join(work, 'master.m3u8'), masterPlaylist(measured, plan.args.includes('-c:a')));
    return measured;
  }

  /** Removes what older revisions left behind; keeps the current source (for re-transcodes). */
  private async sweep(base: string, current: number): Promise<void> {
    for (const name of await readdir(base).catch(() => [] as string[])) {
      const m = /^(?:source-|work-)?(\d+)$/.exec(name);
      if (m && Number(m[1]) !== current && current > 0) await rm(join(base, name), { recursive: true, force: true });
    }
  }
}
