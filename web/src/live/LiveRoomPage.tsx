// The viewer's live room (/live/:roomId), full screen on a phone like a Douyin live: the stream,
// the host and the counts on top, the chat at the bottom left, the 讲解卡 of the product being
// presented, and the bottom bar (购物袋, say something, like). Everything live comes over the
// room's WebSocket; buying leaves the room with the live_room source (liveBuy.ts).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { LangToggle, useI18n, type Translate } from '../i18n';
import type { Room } from '../types';
import '../styles/live.css';
import { CouponStripOf } from '../components/CouponStrip';
import { BagSheet } from './BagSheet';
import { LikeButton } from './LikeButton';
import { LiveChat } from './LiveChat';
import { BagIcon, CloseIcon, EyeIcon, LiveBars } from './LiveIcons';
import { LiveStage } from './LiveStage';
import { PinnedCard } from './PinnedCard';
import { liveApi } from './liveApi';
import { runningSale, useLiveBuy, useNow } from './liveBuy';
import { useLiveSocket, type LiveNotice } from './useLiveSocket';

export function LiveRoomPage() {
  const { roomId = '' } = useParams();
  const { t } = useI18n();
  const room = useLoad(() => liveApi.get(roomId), [roomId]);
  return (
    <div className="lr" data-testid="live-room">
      {room.loading && !room.data ? (
        <div className="live-card-state">
          <span className="spinner" />
        </div>
      ) : room.error || !room.data ? (
        <div className="live-card-state" role="alert">
          <strong>{errorMessage(room.error)}</strong>
          <Link to="/live" className="btn btn-ghost btn-sm">
            {t('live.moreLives')}
          </Link>
        </div>
      ) : (
        <RoomView key={room.data.id} room={room.data} />
      )}
    </div>
  );
}

function noticeText(n: LiveNotice, t: Translate): string {
  if (n.code === 'rate_limited') return t('live.err.rate_limited', { n: n.retryAfterSeconds ?? 1 });
  return t(`live.err.${n.code}`);
}

function RoomView({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const sock = useLiveSocket(room.id, room.state.status !== 'ended');
  const state = sock.state ?? room.state;
  const now = useNow(1000);
  const shop = useLiveBuy(room.id);
  const [text, setText] = useState('');
  const [bagOpen, setBagOpen] = useState(false);
  const [hidden, setHidden] = useState<string | null>(null);
  const [toast, setToast] = useState<{ text: string; seq: number } | null>(null);
  const say = (s: string) => setToast((x) => ({ text: s, seq: (x?.seq ?? 0) + 1 }));

  const shown = useRef(0);
  useEffect(() => {
    if (!sock.notice || sock.notice.seq === shown.current) return;
    shown.current = sock.notice.seq;
    say(noticeText(sock.notice, t));
  }, [sock.notice, t]);
  useEffect(() => {
    if (sock.closedFor === 'banned') say(t('live.err.banned'));
  }, [sock.closedFor, t]);
  useEffect(() => {
    if (shop.error) say(shop.error);
  }, [shop.error]); // a new failure, not a new language
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), 2600);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const signIn = () => navigate('/login', { state: { from: location.pathname } });
  function send(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    if (sock.comment(body)) setText('');
    else say(t('live.reconnecting'));
  }
  function like() {
    if (user) sock.like();
    else say(t('live.err.sign_in_required'));
  }

  const pinned = state.pinned && state.pinned.id !== hidden ? state.pinned : null;
  const sale = pinned ? runningSale(state, pinned.id, room.id, now) : null;
  const likes = sock.likes ?? room.likeCount;
  const live = state.status === 'live';
  return (
    <>
      <LiveStage room={room} state={state} />

      <header className="lr-top">
        <div className="lr-host">
          <span className="lr-avatar">{Array.from(room.host.name)[0] ?? '?'}</span>
          <span className="lr-host-text">
            <strong className="lr-host-name" data-testid="live-host">
              {room.host.name}
            </strong>
            <span className="lr-host-likes" data-testid="live-likes">
              {t('live.likesCount', { n: compactCount(likes, lang) })}
            </span>
          </span>
        </div>
        <div className="lr-top-right">
          {state.status !== 'ended' && (
            <span className="lr-viewers" data-testid="live-viewers" title={t('live.viewers')}>
              <EyeIcon /> {compactCount(sock.viewers ?? 0, lang)}
            </span>
          )}
          <button type="button" className="lr-close" aria-label={t('live.leave')} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/live'))} data-testid="live-leave">
            <CloseIcon />
          </button>
        </div>
      </header>
      <div className="lr-sub">
        {live && (
          <span className="lr-onair">
            <LiveBars /> {t('live.onAir')}
          </span>
        )}
        <span className="lr-title" data-testid="live-title">
          {room.title}
        </span>
        {sock.connection === 'reconnecting' && <span className="lr-conn">{t('live.reconnecting')}</span>}
        <LangToggle />
      </div>

      {state.status !== 'ended' && (
        <div className="lr-bottom">
          <div className="lr-feed">
            <CouponStripOf coupons={state.coupons} variant="live" />
            <LiveChat comments={sock.comments} notice={t('live.rules')} className="lr-chat" />
            {pinned && <PinnedCard product={pinned} sale={sale} now={now} busy={shop.busy} onBuy={() => void shop.buy(pinned, sale)} onClose={() => setHidden(pinned.id)} />}
          </div>
          <div className="lr-bar">
            <button type="button" className="live-round lr-bag" onClick={() => setBagOpen(true)} aria-label={t('live.bag')} data-testid="live-bag-button">
              <BagIcon />
              {state.bag.length > 0 && <span className="lr-bag-n">{state.bag.length}</span>}
            </button>
            {user ? (
              <form className="lr-say" onSubmit={send}>
                <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder={t('live.sayPlaceholder')} enterKeyHint="send" aria-label={t('live.sayPlaceholder')} data-testid="live-comment-input" />
                <button type="submit" className={text.trim() ? 'on' : ''} disabled={!text.trim()} data-testid="live-comment-send">
                  {t('live.send')}
                </button>
              </form>
            ) : (
              <button type="button" className="lr-say lr-say-signin" onClick={signIn} data-testid="live-sign-in">
                {t('live.signInToChat')}
              </button>
            )}
            <LikeButton onLike={like} />
          </div>
        </div>
      )}

      {bagOpen && <BagSheet roomId={room.id} state={state} now={now} busy={shop.busy} onBuy={(p, sale) => void shop.buy(p, sale)} onClose={() => setBagOpen(false)} />}
      {toast && (
        <div key={toast.seq} className="lr-toast" role="status" data-testid="live-toast">
          {toast.text}
        </div>
      )}
    </>
  );
}
