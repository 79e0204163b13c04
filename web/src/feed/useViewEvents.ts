// The events of one feed item while it is the visible one: an impression when it becomes visible,
// a finish when the video comes to its end (or loops), and on leaving it a play with how long it
// really played (paused and buffering time not counted) and, if it was left within a second, a
// quick swipe. Leaving the page or removing the item (不感兴趣) is not a swipe. A play is also
// reported to the video's own counter (its play count).
import { useEffect, useRef, type RefObject } from 'react';
import type { FeedItemType } from '../types';
import { videoApi } from '../video/videoApi';
import { track } from './track';

const QUICK_SWIPE_MS = 1000;

export function useViewEvents(opts: { itemType: FeedItemType; itemId: string; durationMs: number | null; position: number; active: boolean; videoRef?: RefObject<HTMLVideoElement | null> }): void {
  const { itemType, itemId, durationMs, position, active, videoRef } = opts;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!active) return;
    const shownAt = performance.now();
    const base = { itemType, itemId, source: 'feed', position } as const;
    track({ type: 'impression', ...base });
    const v = videoRef?.current ?? null;
    let watched = 0;
    let since: number | null = null;
    let last = 0;
    let finished = false;
    const run = () => {
      if (since === null && v && !v.paused) since = performance.now();
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
    if (v) {
      v.addEventListener('playing', run);
      v.addEventListener('pause', stop);
      v.addEventListener('waiting', stop);
      v.addEventListener('ended', finish);
      v.addEventListener('timeupdate', onTime);
      run();
    }
    return () => {
      if (v) {
        v.removeEventListener('playing', run);
        v.removeEventListener('pause', stop);
        v.removeEventListener('waiting', stop);
        v.removeEventListener('ended', finish);
        v.removeEventListener('timeupdate', onTime);
      }
      stop();
      const visibleMs = performance.now() - shownAt;
      if (itemType === 'live') track({ type: 'play', ...base, watchMs: visibleMs });
      else {
        const length = durationMs ?? (v && Number.isFinite(v.duration) && v.duration > 0 ? v.duration * 1000 : null);
        if (watched > 0 && length) track({ type: 'play', ...base, watchMs: watched, durationMs: length });
        // The video's own play count (shown to its author and viewers) counts feed plays too.
        if (watched > 0) videoApi.reportView(itemId, watched);
      }
      if (mounted.current && visibleMs < QUICK_SWIPE_MS) track({ type: 'quick_swipe', ...base });
    };
  }, [active, itemType, itemId, durationMs, position, videoRef]);
}
