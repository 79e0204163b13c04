// The shopper's recent searches, newest first, kept on this device only (localStorage): they are
// the shopper's own business, not sent anywhere.
const KEY = 'flywheel.recentSearches';
const MAX = 12;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private mode or blocked storage: recent searches are simply not kept
  }
}

export function readRecent(): string[] {
  try {
    const raw: unknown = JSON.parse(storage()?.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && x.length > 0).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function addRecent(q: string): string[] {
  const text = q.trim();
  if (!text) return readRecent();
  const next = [text, ...readRecent().filter((x) => x !== text)].slice(0, MAX);
  storage()?.setItem(KEY, JSON.stringify(next));
  return next;
}

export function clearRecent(): void {
  storage()?.removeItem(KEY);
}
