// Where a video is in its life: waiting for its file, processing (polled), ready to watch, or
// failed with the reason; a new file can be sent while it waits or after it failed.
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Video } from '../types';
import { HlsVideo } from '../video/HlsVideo';
import { formatDuration } from '../video/videoApi';
import { useUpload } from './useUpload';
import { VideoFileInput } from './VideoFileInput';

export function StatusBadge({ video }: { video: Video }) {
  const { t } = useI18n();
  const key = video.status === 'ready' && video.visibility === 'hidden' ? 'hidden' : video.status;
  return (
    <span className={`status vstatus-${key}`} data-testid={`video-status-${video.id}`} data-status={key}>
      {video.status === 'processing' && <span className="spinner spinner-xs" />}
      {t(`studio.status.${key}`)}
    </span>
  );
}

export function StatusPanel({ video, onChange }: { video: Video; onChange: (v: Video) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUpload();

  async function send() {
    if (!file) return;
    const v = await upload.start(video.id, file);
    if (v) {
      setFile(null);
      onChange(v);
    }
  }

  return (
    <section className="mc-card studio-side" data-testid="studio-status" data-status={video.status}>
      <div className="studio-status-head">
        <h2 className="mc-card-title">{t('studio.statusTitle')}</h2>
        <StatusBadge video={video} />
      </div>
      {video.status === 'ready' && video.hlsUrl ? (
        <>
          <HlsVideo src={video.hlsUrl} poster={video.posterUrl ?? undefined} className="studio-player" controls muted preload="metadata" data-testid="studio-preview" />
          <dl className="studio-facts">
            <div>
              <dt>{t('studio.duration')}</dt>
              <dd>{formatDuration(video.durationMs)}</dd>
            </div>
            <div>
              <dt>{t('studio.size')}</dt>
              <dd>
                {video.width}×{video.height}
              </dd>
            </div>
            <div>
              <dt>{t('studio.renditions')}</dt>
              <dd>{video.renditions.map((r) => r.name).join(' / ')}</dd>
            </div>
            <div>
              <dt>{t('studio.stats')}</dt>
              <dd>{t('studio.statsValue', { views: video.viewCount, likes: video.likeCount })}</dd>
            </div>
          </dl>
          {video.visibility === 'public' ? (
            <Link to={`/videos/${video.id}`} className="btn btn-outline btn-block" data-testid="studio-watch">
              {t('studio.watch')}
            </Link>
          ) : (
            <p className="studio-note">{t('studio.hiddenNote')}</p>
          )}
        </>
      ) : video.status === 'processing' ? (
        <div className="studio-processing" data-testid="studio-processing">
          <span className="spinner" />
          <strong>{t('studio.processing')}</strong>
          <span className="muted small">{t('studio.processingHint', { duration: formatDuration(video.durationMs) })}</span>
        </div>
      ) : (
        <>
          {video.status === 'failed' && (
            <div className="form-error studio-failed" role="alert" data-testid="studio-failure">
              <strong>{t('studio.failed')}</strong>
              <span>{video.failureCode ? t(`studio.failure.${video.failureCode}`) : t('studio.failedUnknown')}</span>
              {video.failureReason && <span className="muted small" lang="en">{video.failureReason}</span>}
              <span className="muted small">{t('studio.failedHint')}</span>
            </div>
          )}
          {video.status === 'awaiting_upload' && <p className="studio-note">{t('studio.awaitingHint')}</p>}
          <VideoFileInput file={file} onFile={setFile} progress={upload.progress} error={upload.error} onCancel={upload.cancel} />
          <button type="button" className="btn btn-primary btn-block studio-send" disabled={!file || upload.progress !== null} onClick={() => void send()} data-testid="video-reupload">
            {t('studio.sendFile')}
          </button>
        </>
      )}
    </section>
  );
}
