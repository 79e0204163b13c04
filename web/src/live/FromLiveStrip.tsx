// The strip on a product page opened from a live room: says the order will count for the room and
// leads back to it.
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import '../styles/liveShop.css';

export function FromLiveStrip({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  return (
    <div className="from-live" data-testid="from-live">
      <span className="from-live-dot" aria-hidden="true" />
      <span className="from-live-text">{t('live.fromRoom')}</span>
      <Link to={`/live/${encodeURIComponent(roomId)}`} className="from-live-back">
        {t('live.backToRoom')} ›
      </Link>
    </div>
  );
}
