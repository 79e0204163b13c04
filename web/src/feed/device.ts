// The anonymous viewer's device id: made once per browser and kept in localStorage, so the feed
// and the events it sends belong to one viewer before (and without) signing in.

const KEY = 'flywheel.deviceId';
let memo: string | null = null;

/** Random url-safe characters (works outside secure contexts too, unlike crypto.randomUUID). */
export function randomId(length = 22): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** 8–64 of [A-Za-z0-9_-], what the API accepts as a device id. */
const VALID = /^[A-Za-z0-9_-]{8,64}$/;

export function deviceId(): string {
  if (memo) return memo;
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && VALID.test(saved)) return (memo = saved);
    memo = `d${randomId(23)}`;
    localStorage.setItem(KEY, memo);
  } catch {
    // storage unavailable (private mode): one id for this page's life
    memo ??= `d${randomId(23)}`;
  }
  return memo;
}
