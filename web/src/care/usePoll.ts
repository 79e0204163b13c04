import { useEffect } from 'react';

/** Calls `fn` every `ms` while the page is visible (the desk's lists and badges). */
export function usePoll(fn: () => void, ms: number, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) fn();
    }, ms);
    return () => window.clearInterval(timer);
  }, [fn, ms, enabled]);
}
