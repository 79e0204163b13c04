// Live-room calls (viewers and hosts). Errors are api.ts's ApiError with the server's problem body.
import { ApiError } from '../api';
import type { HostRoom, Page, Problem, Room, RoomFlashSaleInput, RoomInput, RoomState, SanctionAction, Standing } from '../types';

const enc = encodeURIComponent;
const ROOMS = '/api/v1/live/rooms';

function problemOf(status: number, text: string, requestId: string | null): Problem {
  try {
    const data: unknown = text ? JSON.parse(text) : null;
    if (data && typeof data === 'object' && 'status' in data && 'code' in data) return data as Problem;
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: status === 0 ? 'network' : 'http_error', detail: status === 0 ? 'Network error' : `HTTP ${status}`, requestId: requestId ?? '' };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError({ ...problemOf(0, '', null), detail: err instanceof Error ? err.message : 'Network error' });
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(problemOf(res.status, text, res.headers.get('x-request-id')));
  return (text ? JSON.parse(text) : null) as T;
}

const room = (id: string, rest = '') => `${ROOMS}/${enc(id)}${rest}`;

export const liveApi = {
  // viewers (public)
  list: (q: { status: 'live' | 'scheduled'; limit?: number; offset?: number }) =>
    call<Page<Room>>('GET', `${ROOMS}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`),
  get: (id: string) => call<Room>('GET', room(id)),

  // hosts
  create: (body: RoomInput) => call<HostRoom>('POST', ROOMS, body),
  mine: () => call<HostRoom[]>('GET', '/api/v1/me/live/rooms'),
  host: (id: string) => call<HostRoom>('GET', room(id, '/host')),
  rotateKey: (id: string) => call<HostRoom>('POST', room(id, '/key')),
  end: (id: string) => call<Room>('POST', room(id, '/end')),
  setBag: (id: string, productIds: string[]) => call<RoomState>('PUT', room(id, '/products'), { productIds }),
  pin: (id: string, productId: string | null) => (productId ? call<RoomState>('PUT', room(id, '/pin'), { productId }) : call<RoomState>('DELETE', room(id, '/pin'))),
  startFlashSale: (id: string, body: RoomFlashSaleInput) => call<RoomState>('POST', room(id, '/flash-sales'), body),
  sanction: (id: string, userId: string, action: SanctionAction) => call<{ standing: Standing }>('POST', room(id, '/sanctions'), { userId, action }),
};

/** The room's WebSocket address, on this page's origin (the session cookie signs the viewer in). */
export function roomSocketUrl(id: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws/live/rooms/${enc(id)}`;
}
