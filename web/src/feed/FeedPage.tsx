// 推荐 (/feed): the content field's home. A full-screen vertical swipe feed of videos and live
// rooms on now, one per screen (scroll-snap); the visible one plays (muted until a tap), the next
// one loads ahead, and the next page is asked for three items before the end. What the viewer
// does is reported as behaviour events (batched, see track.ts), which is how the feed learns.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { CartLink } from '../components/CartLink';
import { LangToggle, useI18n } from '../i18n';
import type { FeedEntry } from '../types';
import '../styles/feed.css';
import { videoApi } from '../video/videoApi';
import { CommentSheet } from './CommentSheet';
import { feedApi } from './feedApi';
import { FeedSlide } from './FeedSlide';
import { track } from './track';
import { FeedState, type LoadState } from './FeedState';
import { WhySheet } from './WhySheet';

const PAGE = 10;
/** Ask for the next page when the visible item is this close to the end. */
const AHEAD = 3;

/**
 * The feed as it was left (opening a product or the live room and coming back finds the same
 * items at the same place): the server never serves an item twice within its seen window, so a
 * fresh first page would lose what was there.
 */
interface Kept {
  items: FeedEntry[];
  cursor: string | undefined;
  activeId: string | null;
  state: LoadState;
  /** Follows tapped here (author id → following), over what the server said on each item. */
  followed: ReadonlyMap<string, boolean>;
  /** Comment counts changed here (video id → count). */
  counts: ReadonlyMap<string, number>;
  muted: boolean;
  at: number;
}
const KEEP_MS = 30 * 60_000;
let kept: Kept | null = null;

export function FeedPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [restored] = useState(() => (kept && Date.now() - kept.at < KEEP_MS ? kept : null));
  const [items, setItems] = useState<FeedEntry[]>(() => restored?.items ?? []);
  const [state, setState] = useState<LoadState>(() => (restored ? (restored.state === 'loading' || restored.state === 'end' ? 'idle' : restored.state) : 'loading'));
  const [error, setError] = useState<unknown>(null);
  const [activeId, setActiveId] = useState<string | null>(() => restored?.activeId ?? null);
  const [muted, setMuted] = useState(() => restored?.muted ?? true);
  const [followed, setFollowed] = useState<ReadonlyMap<string, boolean>>(() => restored?.followed ?? new Map());
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(() => restored?.counts ?? new Map());
  const [why, setWhy] = useState<FeedEntry | null>(null);
  const [comments, setComments] = useState<FeedEntry | null>(null);
  const [toast, setToast] = useState<{ text: string; n: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const cursor = useRef<string | undefined>(restored?.cursor);
  const busy = useRef(false);
  const seen = useRef(new Set<string>(restored?.items.map((e) => e.id)));
  const jumpTo = useRef<string | null>(null);

  // Keep what is on screen for a return; back at the item that was visible.
  const now = { items, cursor: cursor.current, activeId, state, followed, counts, muted };
  const latest = useRef(now);
  latest.current = now;
  useEffect(() => () => void (kept = { ...latest.current, cursor: cursor.current, at: Date.now() }), []);
  useLayoutEffect(() => {
    if (!restored?.activeId) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(restored.activeId)}"]`);
    if (el && scroller.current) scroller.current.scrollTop = el.offsetTop;
  }, [restored]);
  useLayoutEffect(() => {
    const id = jumpTo.current;
    jumpTo.current = null;
    const el = id ? scroller.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`) : null;
    if (el && scroller.current) scroller.current.scrollTop = el.offsetTop;
  }, [items]);

  const loadMore = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setState('loading');
    try {
      const page = await feedApi.page({ limit: PAGE, cursor: cursor.current });
      cursor.current = page.nextCursor;
      const fresh = page.items.filter((e) => !seen.current.has(e.id));
      for (const e of fresh) seen.current.add(e.id);
      // Waiting on the end card: go on to the first new item when it comes.
      const root = scroller.current;
      const end = root?.querySelector<HTMLElement>('[data-testid=feed-end]');
      if (root && end && fresh[0] && root.scrollTop >= end.offsetTop - 10) jumpTo.current = fresh[0].id;
      setItems((list) => [...list, ...fresh]);
      setState(fresh.length === 0 ? 'end' : 'idle');
    } catch (err) {
      setError(err);
      setState('error');
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    if (seen.current.size === 0 && !busy.current) void loadMore();
  }, [loadMore]);

  // The visible item: the one at least half on screen.
  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    const ratios = new Map<string, number>();
    const io = new IntersectionObserver(
      (changes) => {
        for (const c of changes) ratios.set((c.target as HTMLElement).dataset.id ?? '', c.intersectionRatio);
        let best: string | null = null;
        let bestRatio = 0;
        for (const [id, r] of ratios) {
          if (r >= 0.5 && r > bestRatio) {
            best = id;
            bestRatio = r;
          }
        }
        if (best) setActiveId(best);
      },
      { root, threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    for (const el of root.querySelectorAll<HTMLElement>('[data-id]')) io.observe(el);
    return () => io.disconnect();
  }, [items]);

  const activeIndex = Math.max(0, items.findIndex((e) => e.id === activeId));
  useEffect(() => {
    if (state === 'idle' && items.length > 0 && activeIndex >= items.length - AHEAD) void loadMore();
  }, [activeIndex, items.length, state, loadMore]);

  // Arrow keys and PageUp/PageDown move one item on a desktop.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const root = scroller.current;
      if (!root || why || comments) return;
      if (e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
      const dir = e.key === 'ArrowDown' || e.key === 'PageDown' ? 1 : e.key === 'ArrowUp' || e.key === 'PageUp' ? -1 : 0;
      if (!dir) return;
      e.preventDefault();
      root.scrollBy({ top: dir * root.clientHeight, behavior: 'smooth' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [why, comments]);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), 2200);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const say = useCallback((text: string) => setToast((old) => ({ text, n: (old?.n ?? 0) + 1 })), []);

  const dismiss = useCallback(
    (entry: FeedEntry) => {
      track({ type: 'not_interested', itemType: entry.kind, itemId: entry.id, source: 'feed', position: items.findIndex((e) => e.id === entry.id) });
      setItems((list) => list.filter((e) => e.id !== entry.id));
      say(t('feed.notInterestedToast'));
    },
    [items, say, t],
  );

  const isFollowing = useCallback((entry: FeedEntry) => {
    const author = entry.kind === 'video' ? entry.video.author : entry.room.host;
    return followed.get(author.id) ?? entry.followingAuthor;
  }, [followed]);

  // 关注 follows the author (creator or live host) on the server; a second tap unfollows. The
  // follow reaches the engine from the server (no `follow` event: see feed/server-events.ts).
  const follow = useCallback(
    (entry: FeedEntry) => {
      if (!user) {
        navigate('/login', { state: { from: location.pathname } });
        return;
      }
      const author = entry.kind === 'video' ? entry.video.author : entry.room.host;
      const on = !isFollowing(entry);
      const set = (v: boolean) => setFollowed((m) => new Map(m).set(author.id, v));
      set(on);
      say(on ? t('feed.followedToast', { name: author.name }) : t('feed.unfollowedToast'));
      videoApi.followCreator(author.id, on).catch((err: unknown) => {
        set(!on);
        say(errorMessage(err));
      });
    },
    [user, navigate, location.pathname, isFollowing, say, t],
  );

  return (
    <div className="fd-page">
    <div className="fd" data-testid="feed">
      <header className="fd-top">
        <nav className="fd-top-tabs" aria-label={t('nav.tabs')}>
          <Link to="/live" className="fd-top-tab">
            {t('live.tab')}
          </Link>
          <Link to="/" className="fd-top-tab" data-testid="feed-to-mall">
            {t('feed.mall')}
          </Link>
          <span className="fd-top-tab on" aria-current="page">
            {t('feed.tab')}
          </span>
        </nav>
        <LangToggle />
      </header>

      <div className="fd-scroller" ref={scroller} data-testid="feed-scroller">
        {items.map((entry, i) => (
          <section key={entry.id} className="fd-item" data-id={entry.id} data-kind={entry.kind} data-testid="feed-item" data-active={entry.id === activeId ? 'true' : 'false'}>
            <FeedSlide
              entry={entry}
              position={i}
              active={entry.id === activeId}
              near={Math.abs(i - activeIndex) <= 1}
              muted={muted}
              following={isFollowing(entry)}
              commentCount={entry.kind === 'video' ? (counts.get(entry.id) ?? entry.video.commentCount) : 0}
              onUnmute={() => setMuted(false)}
              onFollow={follow}
              onComments={setComments}
              onDismiss={dismiss}
              onWhy={setWhy}
              onToast={say}
            />
          </section>
        ))}
        {items.length > 0 && (
          <section className="fd-item fd-end" data-testid="feed-end" data-state={state}>
            <FeedState state={state} error={error} empty={false} onRetry={() => void loadMore()} />
          </section>
        )}
      </div>

      {items.length === 0 && (
        <div className="fd-end fd-end-only" data-testid="feed-end" data-state={state}>
          <FeedState state={state} error={error} empty onRetry={() => void loadMore()} />
        </div>
      )}

      <nav className="fd-tabbar" aria-label={t('nav.tabs')}>
        <NavLink to="/feed" className="fd-tab" data-testid="fd-tab-feed">
          {t('feed.tab')}
        </NavLink>
        <NavLink to="/" end className="fd-tab">
          {t('feed.mall')}
        </NavLink>
        <NavLink to="/live" className="fd-tab">
          {t('live.tab')}
        </NavLink>
        <CartLink className="tab" />
        <NavLink to={user ? '/me' : '/login'} className="fd-tab">
          {t('nav.me')}
        </NavLink>
      </nav>

      {toast && (
        <div key={toast.n} className="fd-toast" role="status" data-testid="feed-toast">
          {toast.text}
        </div>
      )}
      {why && <WhySheet reason={why.reason} onClose={() => setWhy(null)} />}
      {comments?.kind === 'video' && (
        <CommentSheet
          videoId={comments.id}
          count={counts.get(comments.id) ?? comments.video.commentCount}
          source="feed"
          position={items.findIndex((e) => e.id === comments.id)}
          onCount={(n) => setCounts((m) => new Map(m).set(comments.id, n))}
          onClose={() => setComments(null)}
        />
      )}
    </div>
    </div>
  );
}
