import { useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Image } from '../types';

const MAX_IMAGES = 9;

/** Uploads images (POST /api/v1/images) and keeps their order; the first is the cover. */
export function ImageUploader({ images, onChange }: { images: Image[]; onChange: (images: Image[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(images);
  latest.current = images;

  async function upload(files: FileList | null) {
    if (!files) return;
    setError(null);
    const room = MAX_IMAGES - latest.current.length - uploading;
    const list = Array.from(files).slice(0, Math.max(0, room));
    setUploading((n) => n + list.length);
    for (const file of list) {
      try {
        const img = await api.uploadImage(file);
        onChange([...latest.current, { id: img.id, url: img.url, thumbUrl: img.thumbUrl }]);
        latest.current = [...latest.current, img];
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  }

  const move = (i: number, by: number) => {
    const next = [...images];
    const [item] = next.splice(i, 1);
    if (!item) return;
    next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item);
    onChange(next);
  };

  return (
    <div className="uploader">
      <div className="thumbs">
        {images.map((img, i) => (
          <figure key={img.id} className="thumb" data-testid="image-thumb">
            <img src={img.thumbUrl || img.url} alt="" />
            {i === 0 && <figcaption className="thumb-cover">{t('editor.cover')}</figcaption>}
            <div className="thumb-tools">
              {i > 0 && (
                <button type="button" onClick={() => move(i, -1)} aria-label={t('editor.moveLeft')}>
                  ‹
                </button>
              )}
              <button type="button" onClick={() => onChange(images.filter((x) => x.id !== img.id))} aria-label={t('common.remove')}>
                ×
              </button>
            </div>
          </figure>
        ))}
        {Array.from({ length: uploading }, (_, i) => (
          <div key={`up-${i}`} className="thumb thumb-uploading">
            <span className="spinner" />
          </div>
        ))}
        {images.length + uploading < MAX_IMAGES && (
          <button type="button" className="thumb thumb-add" onClick={() => input.current?.click()} data-testid="image-add">
            <span>+</span>
            <small>{t('editor.uploadImage')}</small>
          </button>
        )}
      </div>
      <input ref={input} type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" multiple hidden onChange={(e) => void upload(e.target.files)} data-testid="image-input" />
      <span className="field-hint">{t('editor.imagesHint', { n: MAX_IMAGES })}</span>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
