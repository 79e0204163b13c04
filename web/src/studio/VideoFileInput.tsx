// Choosing the video file (click or drop), a local preview, and the upload's progress bar.
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);

export function VideoFileInput({ file, onFile, progress, error, onCancel }: { file: File | null; onFile: (f: File | null) => void; progress: number | null; error: unknown; onCancel?: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const busy = progress !== null && progress < 1;

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  return (
    <div className="vfile">
      {preview ? (
        <video
          className="vfile-preview"
          src={preview}
          muted
          playsInline
          controls={!busy}
          preload="metadata"
          // Show the first picture rather than black until it is played.
          onLoadedMetadata={(e) => {
            if (e.currentTarget.currentTime === 0) e.currentTarget.currentTime = Math.min(0.1, e.currentTarget.duration || 0);
          }}
          data-testid="video-file-preview"
        />
      ) : (
        <button
          type="button"
          className={`vfile-drop ${over ? 'over' : ''}`}
          onClick={() => input.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            onFile(e.dataTransfer.files[0] ?? null);
          }}
          data-testid="video-file-drop"
        >
          <span className="vfile-plus">+</span>
          <strong>{t('studio.pickFile')}</strong>
          <small>{t('studio.fileHint')}</small>
        </button>
      )}
      {file && (
        <div className="vfile-info">
          <span className="vfile-name" title={file.name}>
            {file.name}
          </span>
          <span className="muted small">{mb(file.size)} MB</span>
          {!busy && (
            <button type="button" className="link-btn" onClick={() => input.current?.click()} data-testid="video-file-change">
              {t('studio.changeFile')}
            </button>
          )}
        </div>
      )}
      {progress !== null && (
        <div className="vfile-progress" data-testid="upload-progress">
          <div className="upload-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} aria-label={t('studio.uploading')}>
            <span style={{ width: `${progress * 100}%` }} />
          </div>
          <div className="vfile-progress-row">
            <span className="small">{progress < 1 ? t('studio.uploadingPct', { pct: Math.floor(progress * 100) }) : t('studio.uploaded')}</span>
            {busy && onCancel && (
              <button type="button" className="link-btn small" onClick={onCancel} data-testid="upload-cancel">
                {t('studio.cancelUpload')}
              </button>
            )}
          </div>
        </div>
      )}
      {error !== null && error !== undefined && (
        <p className="form-error" role="alert" data-testid="upload-error">
          {errorMessage(error)}
        </p>
      )}
      <input
        ref={input}
        type="file"
        accept="video/mp4,video/quicktime,video/webm,video/x-matroska,video/x-msvideo,video/x-flv,video/mp2t,video/*"
        hidden
        onChange={(e) => {
          onFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
        data-testid="video-file-input"
      />
    </div>
  );
}
