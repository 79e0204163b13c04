// Taking a video file: checked by content (first bytes, then ffprobe), never by its name or the
// type the client declares; too big, not a video, unreadable or too long is refused with nothing
// kept. An accepted file becomes the video's next source revision and a transcode job is queued
// in the same transaction that moves the video to processing.
import { open, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../platform/db/index.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { MediaToolError, probe } from '../../platform/media/ffmpeg.ts';
import { sniffVideo } from '../../platform/media/sniff.ts';
import type { Video } from './schemas.ts';
import type { VideoService } from './videos.ts';

export const TRANSCODE_JOB = 'content.video.transcode';

export interface UploadLimits {
  maxSeconds: number;
  minSeconds: number;
}

export class VideoUploads {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly videos: VideoService,
    private readonly limits: UploadLimits,
  ) {}

  /** A temporary path in the video's own directory for an upload to be streamed into. */
  async tempPath(videoId: string): Promise<string> {
    const dir = join(this.videos.dir, videoId);
    await mkdir(dir, { recursive: true });
    return join(dir, `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  }

  /** Ownership and state, checked before a byte is received: 404, 403, or 409 for a video that has its file. */
  async assertAccepting(videoId: string, authorId: string): Promise<void> {
    const row = await this.videos.owned(videoId, authorId);
    if (row.status === 'processing' || row.status === 'ready') throw new AppError('invalid_state', `The video is ${row.status}; upload a new one instead`, 'videoId');
  }

  /** Checks a received file and makes it the video's source; the file is gone afterwards either way. */
  async accept(videoId: string, authorId: string, file: string, bytes: number, opts: { maxSeconds?: number } = {}): Promise<Video> {
    try {
      await this.assertAccepting(videoId, authorId);
      const row = (await this.videos.row(videoId))!;
      const head = Buffer.alloc(512);
      const fh = await open(file, 'r');
      const { bytesRead } = await fh.read(head, 0, head.length, 0).finally(() => fh.close());
      const container = sniffVideo(head.subarray(0, bytesRead));
      if (!container) throw new AppError('unsupported_media_type', 'The file is not a video (MP4, MOV, WebM, MKV, AVI, FLV or MPEG-TS)', 'file');
      const info = await probe(file, { timeoutMs: 20_000 }).catch((e: unknown) => {
        throw new AppError('unsupported_media_type', `The video could not be read: ${e instanceof MediaToolError ? publicReason(e.message) : 'unreadable'}`, 'file');
      });
      if (!info.video) throw new AppError('unsupported_media_type', 'The file has no video stream', 'file');
      const maxSeconds = opts.maxSeconds ?? this.limits.maxSeconds;
      if (info.durationSec > maxSeconds) throw invalid('file', `The video is ${Math.round(info.durationSec)} s long; at most ${maxSeconds} s`);
      if (info.durationSec < this.limits.minSeconds) throw invalid('file', `The video is shorter than ${this.limits.minSeconds} s`);
      const quarter = Math.abs(info.video.rotation) % 180 === 90;
      const [width, height] = quarter ? [info.video.height, info.video.width] : [info.video.width, info.video.height];
      const rev = row.source_rev + 1;
      await mkdir(join(this.videos.dir, videoId), { recursive: true });
      await rename(file, join(this.videos.dir, videoId, `source-${rev}`));
      await this.db.tx(async (tx) => {
        const moved = await tx.query(
          `UPDATE videos SET status = 'processing', source_rev = $2, source_bytes = $3, source_container = $4, source_has_audio = $5,
                  duration_ms = $6, width = $7, height = $8, failure_code = NULL, failure_reason = NULL, updated_at = now()
            WHERE id = $1 AND source_rev = $9 AND status IN ('awaiting_upload', 'failed') RETURNING id`,
          [videoId, rev, bytes, container, info.audio !== null, Math.round(info.durationSec * 1000), width, height, row.source_rev],
        );
        if (moved.length === 0) throw new AppError('conflict', 'Another upload for this video was accepted first', 'videoId');
        await this.jobs.enqueue(tx, TRANSCODE_JOB, { videoId, rev }, { dedupeKey: `transcode:${videoId}:${rev}`, maxAttempts: 3 });
      });
      return this.videos.get(videoId, authorId);
    } finally {
      await rm(file, { force: true });
    }
  }
}

/** ffmpeg's words without the server's file paths. */
export const publicReason = (s: string) => s.replace(/(?:\/[^\s/:'"]+)+\/?/g, (p) => p.split('/').filter(Boolean).pop() ?? '').slice(0, 300);
