// API shapes of live rooms: one definition for validation, OpenAPI, the services and the web app.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';
import { CouponSchema } from '../commerce/coupon-schemas.ts';

export const RoomIdParam = Strict({ roomId: Id() });
const ProductIds = Type.Array(Id(), { maxItems: 100, uniqueItems: true });
const Title = Type.String({ minLength: 1, maxLength: 60 });

export const RoomInputSchema = Strict({
  title: Title,
  /** When the host plans to go live (shown to followers); absent: now. */
  scheduledAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** A merchant's self-broadcast (自播) for this store; creators leave it out. */
  storeId: Type.Optional(Id()),
  productIds: Type.Optional(ProductIds),
});

export const RoomStatusSchema = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')]);

export const FlashSaleCardSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  skuId: Type.String(),
  priceFen: Type.Integer(),
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  perBuyerLimit: Type.Integer(),
  /** Set: the room's own price (直播间专享价), only for orders placed from the room. */
  liveRoomId: Type.Union([Type.String(), Type.Null()]),
});

/** What every viewer sees and the room's WebSocket pushes when it changes. */
export const RoomStateSchema = Type.Object({
  status: RoomStatusSchema,
  /** Whether the host's stream is arriving now (false while it dropped and may come back). */
  streaming: Type.Boolean(),
  hlsUrl: Type.Union([Type.String(), Type.Null()]),
  bag: Type.Array(ProductCardSchema),
  /** The 讲解卡: the product the host is presenting now. */
  pinned: Type.Union([ProductCardSchema, Type.Null()]),
  flashSales: Type.Array(FlashSaleCardSchema),
  /** The room's coupons to claim now (领券), with copies left. */
  coupons: Type.Array(CouponSchema),
});

export const RoomSchema = Type.Object({
  id: Type.String(),
  host: Type.Object({ id: Type.String(), name: Type.String() }),
  storeId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  scheduledAt: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  replayVideoId: Type.Union([Type.String(), Type.Null()]),
  /** Watching now (live rooms only). */
  viewers: Type.Integer(),
  peakViewers: Type.Integer(),
  likeCount: Type.Integer(),
  commentCount: Type.Integer(),
  state: RoomStateSchema,
});

/** The host's own view: with where and how to push the stream. */
export const HostRoomSchema = Type.Composite([RoomSchema, Type.Object({ ingest: Type.Object({ rtmpUrl: Type.String(), streamKey: Type.String() }) })]);

export const BagInputSchema = Strict({ productIds: ProductIds });
export const PinInputSchema = Strict({ productId: Id() });
export const RoomFlashSaleInputSchema = Strict({
  skuId: Id(),
  priceFen: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  perBuyerLimit: Type.Integer({ minimum: 1, maximum: 100 }),
  minutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
});
export const SanctionInputSchema = Strict({ userId: Id(), action: Type.Union([Type.Literal('mute'), Type.Literal('ban'), Type.Literal('lift')]) });

export type RoomInput = Static<typeof RoomInputSchema>;
export type Room = Static<typeof RoomSchema>;
export type HostRoom = Static<typeof HostRoomSchema>;
export type RoomState = Static<typeof RoomStateSchema>;
export type RoomStatus = Static<typeof RoomStatusSchema>;
export type FlashSaleCard = Static<typeof FlashSaleCardSchema>;
