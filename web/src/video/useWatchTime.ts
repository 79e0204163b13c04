// Counts how long a video actually plays (not paused, not buffering, page visible) and reports
// each play with its watch time: when a loop comes round, when the page is hidden or left.
import { useEffect, type RefObject } from 'react';
import { videoApi } from './videoApi';

export function useWatchTime(ref: RefObject<HTMLVideoElement | null>, videoId: string, enabled: boolean): void {
  useEffect(() => {
    const video = ref.current;
    if (!video || !enabled) return;
    let watched = 0;
    let since: number | null = null;
    let lastTime = 0;

    const stop = () => {
      if (since !== null) watched += performance.now() - since;
      since = null;
    };
    const run = () => {
      if (since === null && !video.paused && document.visibilityState === 'visible') since = performance.now();
    };
    const flush = (restart = true) => {
      const playing = since !== null;
      stop();
      if (watched > 0) videoApi.reportView(videoId, watched);
      watched = 0;
      if (playing && restart) run();
    };
    const onLeave = () => flush();
    const onTime = () => {
      // A loop restarts at 0 without an `ended` event: that was one whole play.
      if (video.loop && video.currentTime + 0.5 < lastTime && !video.seeking && lastTime > video.duration - 1) flush();
      lastTime = video.currentTime;
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? flush() : run());

    video.addEventListener('playing', run);
    video.addEventListener('pause', stop);
    video.addEventListener('waiting', stop);
    video.addEventListener('ended', onLeave);
    video.addEventListener('timeupdate', onTime);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onLeave);
    run();
    return () => {
      video.removeEventListener('playing', run);
      video.removeEventListener('pause', stop);
      video.removeEventListener('waiting', stop);
      video.removeEventListener('ended', onLeave);
      video.removeEventListener('timeupdate', onTime);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onLeave);
      flush(false);
    };
  }, [ref, videoId, enabled]);
}
