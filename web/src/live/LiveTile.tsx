// A live room as a tile: its cover (the pinned or first goods' picture), the 直播中 badge, viewers,
// goods in the bag, title and (in lists of many hosts) the host. Used by the 直播 list and the
// store page's 直播 tab.
import { Link } from 'react-router';
import { compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import type { Room } from '../types';
import '../styles/liveShop.css';
import { LiveBars } from './LiveIcons';

export function LiveTile({ room, testId, badgeTestId, showHost = true }: { room: Room; testId: string; badgeTestId?: string; showHost?: boolean }) {
  const { t, lang } = useI18n();
  const cover = room.state.pinned?.imageUrl ?? room.state.bag.find((p) => p.imageUrl)?.imageUrl ?? null;
  return (
    <Link to={`/live/${room.id}`} className="live-tile" data-testid={testId} data-room-id={room.id}>
      <span className="live-tile-cover">
        {cover ? <img src={cover} alt="" loading="lazy" /> : <span className="live-tile-initial">{Array.from(room.host.name)[0] ?? '直'}</span>}
        <span className="live-tile-badge" data-testid={badgeTestId}>
          <LiveBars /> {room.state.streaming ? t('live.onAir') : t('live.away')}
        </span>
        <span className="live-tile-viewers">{t('live.watching', { n: compactCount(room.viewers, lang) })}</span>
        {room.state.bag.length > 0 && <span className="live-tile-bag">{t('live.bagCount', { n: room.state.bag.length })}</span>}
      </span>
      <span className="live-tile-title">{room.title}</span>
      {showHost && (
        <span className="live-tile-host">
          <span className="live-tile-avatar">{Array.from(room.host.name)[0] ?? '?'}</span>
          {room.host.name}
        </span>
      )}
    </Link>
  );
}
