// Live-room calls (viewers and hosts). Errors are api.ts's ApiError with the server's problem body.
import { request, withQuery } from '../api';
import type { HostRoom, Page, Room, RoomFlashSaleInput, RoomInput, RoomState, SanctionAction, Standing } from '../types';

const enc = encodeURIComponent;
const ROOMS = '/api/v1/live/rooms';

const call = request;

const room = (id: string, rest = '') => `${ROOMS}/${enc(id)}${rest}`;

export const liveApi = {
  // viewers (public)
  list: (q: { status: 'live' | 'scheduled'; limit?: number; offset?: number }) =>
    call<Page<Room>>('GET', withQuery(ROOMS, q)),
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
