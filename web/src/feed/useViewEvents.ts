// The behaviour events of one item while it is on screen, shared by the feed's slides and the
// video page (one hook, so both count watch time the same way): an impression when it becomes
// visible, a finish when the video comes to its end (or loops), and a play with how long it really
// played — paused, buffering and hidden-page time not counted — when it is left, when the page is
// hidden (then counting starts again on return) or unloaded. In the feed, leaving within a second
// is also a quick swipe (leaving the page or removing the item with 不感兴趣 is not). Each play is
// also reported to the video's own counter (its play count).
import { useEffect, useRef, type RefObject } from 'react';
import type { FeedEventSource, FeedItemType } from '../types';
import { videoApi } from '../video/videoApi';
import { flush, track } from './track';

const QUICK_SWIPE_MS = 1000;

export interface ViewOptions {
  itemType: FeedItemType;
  itemId: string;
  durationMs: number | null;
  /** Where: the feed (with the item's position on it) or the video page. */
  source: FeedEventSource;
  position?: number;
  active: boolean;
  videoRef?: RefObject<HTMLVideoElement | null>;
}

export function useViewEvents(opts: ViewOptions): void {
  const { itemType, itemId, durationMs, source, position, active, videoRef } = opts;
  const mounted = useRef(true);
  // One impression per showing. React may disconnect and reconnect the effects of a tree that is
  // still on screen (a Suspense boundary hiding it for a moment, as happens on the video page
  // right after it loads); that is not the viewer seeing it again. The ref outlives that.
  const impressed = useRef<string | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!active) {
      impressed.current = null;
      return;
    }
    const shownAt = performance.now();
    const base = { itemType, itemId, source, ...(position !== undefined ? { position } : {}) };
    const key = `${itemType}|${itemId}|${source}|${position ?? ''}`;
    if (impressed.current !== key) track({ type: 'impression', ...base });
    impressed.current = key;
    const v = videoRef?.current ?? null;
    let watched = 0;
    let since: number | null = null;
    let last = 0;
    let finished = false;
    const run = () => {
      if (since === null && v && !v.paused && document.visibilityState === 'visible') since = performance.now();
    };
    const stop = () => {
      if (since !== null) watched += performance.now() - since;
      since = null;
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      track({ type: 'finish', ...base });
    };
    const onTime = () => {
      if (!v) return;
      // A loop restarts at 0 without an `ended` event: it came to its end.
      if (v.currentTime + 0.5 < last && !v.seeking && last > v.duration - 1) finish();
      last = v.currentTime;
    };
    /** Reports the play so far (a video's) and starts a new count. */
    const reportPlay = () => {
      stop();
      if (itemType === 'live' || watched <= 0) return;
      const length = durationMs ?? (v && Number.isFinite(v.duration) && v.duration > 0 ? v.duration * 1000 : null);
      if (length) track({ type: 'play', ...base, watchMs: watched, durationMs: length });
      videoApi.reportView(itemId, watched);
      watched = 0;
    };
    // Hidden or unloaded: what was watched is sent now (keepalive), in case the page never comes back.
    const onHide = () => {
      reportPlay();
      void flush(true);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? onHide() : run());
    if (v) {
      v.addEventListener('playing', run);
      v.addEventListener('pause', stop);
      v.addEventListener('waiting', stop);
      v.addEventListener('ended', finish);
      v.addEventListener('timeupdate', onTime);
      run();
    }
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    return () => {
      if (v) {
        v.removeEventListener('playing', run);
        v.removeEventListener('pause', stop);
        v.removeEventListener('waiting', stop);
        v.removeEventListener('ended', finish);
        v.removeEventListener('timeupdate', onTime);
      }
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
      const visibleMs = performance.now() - shownAt;
      if (itemType === 'live') track({ type: 'play', ...base, watchMs: visibleMs });
      else reportPlay();
      if (source === 'feed' && mounted.current && visibleMs < QUICK_SWIPE_MS) track({ type: 'quick_swipe', ...base });
    };
  }, [active, itemType, itemId, durationMs, source, position, videoRef]);
}
