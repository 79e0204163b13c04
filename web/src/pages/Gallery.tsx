import { useState, type UIEvent } from 'react';
import { useI18n } from '../i18n';
import type { Image } from '../types';

/** Swipeable image gallery (scroll-snap) with a page counter. */
export function Gallery({ images, title }: { images: Image[]; title: string }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  if (images.length === 0) {
    return (
      <div className="gallery gallery-empty" aria-label={t('product.noImages')}>
        <span>{Array.from(title)[0] ?? ''}</span>
      </div>
    );
  }
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setIndex(Math.round(el.scrollLeft / Math.max(1, el.clientWidth)));
  };
  return (
    <div className="gallery" data-testid="gallery">
      <div className="gallery-track" onScroll={onScroll}>
        {images.map((img, i) => (
          <img key={img.id} src={img.url} alt={i === 0 ? title : ''} className="gallery-img" loading={i === 0 ? 'eager' : 'lazy'} />
        ))}
      </div>
      {images.length > 1 && (
        <span className="gallery-count">
          {Math.min(index + 1, images.length)}/{images.length}
        </span>
      )}
    </div>
  );
}
