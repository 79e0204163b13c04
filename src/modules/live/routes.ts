import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import { PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { RoomCouponBody } from '../commerce/coupon-schemas.ts';
import type { Live } from './live.ts';
import { BagInputSchema, HostRoomSchema, PinInputSchema, RoomFlashSaleInputSchema, RoomIdParam, RoomInputSchema, RoomSchema, RoomStateSchema, SanctionInputSchema } from './schemas.ts';

const tags = ['live'];
const hosts = { access: ['creator', 'merchant'] } as const;
const params = RoomIdParam;

export function liveRoutes(app: App, live: Live): void {
  const { rooms, sanctions } = live;
  app.post(
    '/api/v1/live/rooms',
    { config: hosts, schema: { tags, summary: 'Schedule a live room; the answer carries the RTMP address and the secret stream key', body: RoomInputSchema, response: { 201: HostRoomSchema } } },
    async (req, reply) => reply.status(201).send(await rooms.create(requirePrincipal(req).userId, req.body)),
  );
  app.get('/api/v1/me/live/rooms', { config: hosts, schema: { tags, summary: 'My live rooms, with their stream keys', response: { 200: Type.Array(HostRoomSchema) } } }, async (req) =>
    rooms.mine(requirePrincipal(req).userId),
  );
  app.get(
    '/api/v1/live/rooms',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Rooms live now (most watched first), or coming up', querystring: Strict({ status: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('scheduled')], { default: 'live' })), ...PageQuery }), response: { 200: Type.Object({ items: Type.Array(RoomSchema), total: Type.Integer() }) } },
    },
    async (req) => rooms.list({ status: req.query.status ?? 'live', limit: req.query.limit, offset: req.query.offset }),
  );
  app.get('/api/v1/live/rooms/:roomId', { config: { access: 'public' }, schema: { tags, summary: 'A live room as viewers see it', params, response: { 200: RoomSchema } } }, async (req) =>
    rooms.get(req.params.roomId),
  );
  app.get('/api/v1/live/rooms/:roomId/host', { config: hosts, schema: { tags, summary: 'The host’s view of their room (stream key included)', params, response: { 200: HostRoomSchema } } }, async (req) =>
    rooms.hostView(req.params.roomId, requirePrincipal(req).userId),
  );
  app.post('/api/v1/live/rooms/:roomId/key', { config: hosts, schema: { tags, summary: 'Revoke the stream key and get a new one (a stream pushed with the old key is cut off)', params, response: { 200: HostRoomSchema } } }, async (req) =>
    rooms.rotateKey(req.params.roomId, requirePrincipal(req).userId),
  );
  app.post('/api/v1/live/rooms/:roomId/end', { config: hosts, schema: { tags, summary: 'End the live; its recording becomes a replay video', params, response: { 200: RoomSchema } } }, async (req) =>
    rooms.end(req.params.roomId, { hostId: requirePrincipal(req).userId }),
  );
  app.put('/api/v1/live/rooms/:roomId/products', { config: hosts, schema: { tags, summary: 'Set the shopping bag (购物袋)', params, body: BagInputSchema, response: { 200: RoomStateSchema } } }, async (req) =>
    rooms.setBag(req.params.roomId, requirePrincipal(req).userId, req.body.productIds),
  );
  app.put('/api/v1/live/rooms/:roomId/pin', { config: hosts, schema: { tags, summary: 'Pin the product being presented (讲解卡)', params, body: PinInputSchema, response: { 200: RoomStateSchema } } }, async (req) =>
    rooms.pin(req.params.roomId, requirePrincipal(req).userId, req.body.productId),
  );
  app.delete('/api/v1/live/rooms/:roomId/pin', { config: hosts, schema: { tags, summary: 'Unpin', params, response: { 200: RoomStateSchema } } }, async (req) =>
    rooms.pin(req.params.roomId, requirePrincipal(req).userId, null),
  );
  app.post(
    '/api/v1/live/rooms/:roomId/flash-sales',
    {
      config: hosts,
      schema: { tags, summary: 'Start a flash sale for this room only (直播间专享价), from now for `minutes`: viewers see the countdown and units left', params, body: RoomFlashSaleInputSchema, response: { 201: RoomStateSchema } },
    },
    async (req, reply) => reply.status(201).send(await rooms.startFlashSale(req.params.roomId, requirePrincipal(req).userId, req.body)),
  );
  app.post(
    '/api/v1/live/rooms/:roomId/coupons',
    { config: hosts, schema: { tags, summary: 'Issue a coupon for this room’s viewers (直播间专享券, store-funded): claimed with POST /coupons/:id/claim, used on orders placed from the room', params, body: RoomCouponBody, response: { 201: RoomStateSchema } } },
    async (req, reply) => reply.status(201).send(await rooms.issueCoupon(req.params.roomId, requirePrincipal(req).userId, req.body)),
  );
  app.post(
    '/api/v1/live/rooms/:roomId/sanctions',
    { config: hosts, schema: { tags, summary: 'Mute or ban a viewer, or lift it (a ban puts them out at once)', params, body: SanctionInputSchema, response: { 200: Type.Object({ standing: Type.Union([Type.Literal('ok'), Type.Literal('muted'), Type.Literal('banned')]) }) } } },
    async (req) => {
      const standing = await sanctions.apply(req.params.roomId, requirePrincipal(req).userId, req.body.userId, req.body.action);
      if (standing === 'banned') live.hub.kick(req.params.roomId, req.body.userId);
      else live.sanctionsChanged(req.params.roomId);
      return { standing };
    },
  );
}
