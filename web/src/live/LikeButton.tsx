// The like button of the room: each tap floats a heart up from it and counts one like (the
// socket sends the taps in batches).
import { useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { HeartIcon } from './LiveIcons';

const COLORS = ['#fe2c55', '#ff7a00', '#ffc300', '#ff4fa3', '#8b5cf6', '#25c685'];
const MAX_HEARTS = 24;

interface Heart {
  id: number;
  dx: number;
  color: string;
  tilt: number;
}

export function LikeButton({ onLike }: { onLike: () => void }) {
  const { t } = useI18n();
  const [hearts, setHearts] = useState<Heart[]>([]);
  const next = useRef(0);

  function tap() {
    onLike();
    const id = ++next.current;
    const heart: Heart = { id, dx: Math.round(Math.random() * 48 - 24), color: COLORS[id % COLORS.length]!, tilt: Math.round(Math.random() * 40 - 20) };
    setHearts((h) => [...h.slice(-(MAX_HEARTS - 1)), heart]);
    window.setTimeout(() => setHearts((h) => h.filter((x) => x.id !== id)), 1300);
  }

  return (
    <span className="live-like-wrap">
      {hearts.map((h) => (
        <span key={h.id} className="live-heart" style={{ color: h.color, ['--dx' as string]: `${h.dx}px`, ['--tilt' as string]: `${h.tilt}deg` }} aria-hidden="true">
          <HeartIcon filled />
        </span>
      ))}
      <button type="button" className="live-round live-like" onClick={tap} aria-label={t('live.like')} data-testid="live-like">
        <HeartIcon filled />
      </button>
    </span>
  );
}
