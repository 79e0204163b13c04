// API shapes of behaviour events: one definition for validation, OpenAPI, the service and the web app.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';

/** What a viewer did, as clients report it (negative feedback: not_interested, quick_swipe). */
export const CLIENT_EVENT_TYPES = ['impression', 'play', 'finish', 'like', 'comment', 'share', 'follow', 'product_tap', 'add_to_cart', 'not_interested', 'quick_swipe'] as const;
/** Facts only the server knows, recorded from other modules' events, never accepted from clients. */
export const SERVER_EVENT_TYPES = ['order', 'refund', 'complaint'] as const;
export const ITEM_TYPES = ['video', 'live', 'product'] as const;
/** Where it happened: the content field (feed, live, video page) or the centre field (search, mall, store, …). */
export const EVENT_SOURCES = ['feed', 'live', 'video', 'search', 'mall', 'store', 'product', 'showcase', 'cart', 'profile', 'other'] as const;

export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];
export type EventType = ClientEventType | (typeof SERVER_EVENT_TYPES)[number];
export type ItemType = (typeof ITEM_TYPES)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Client-made ids (event ids, device ids): no colon, so they never meet the server's natural keys (order:…). */
const Token = (description: string) => Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description });

export const ClientEventSchema = Strict({
  id: Token("The client's own id of the event (a UUID, say): a repeat is dropped as a duplicate"),
  type: literals(CLIENT_EVENT_TYPES),
  itemType: literals(ITEM_TYPES),
  itemId: Id(),
  // Any integer: absurd values are clamped, not refused (a player that reports a loop twice should not lose the batch).
  watchMs: Type.Optional(Type.Integer({ description: 'How long it was watched (required for play); clamped to the duration × 10 and 4 h' })),
  durationMs: Type.Optional(Type.Integer({ description: "The video's length (required for play of a video or product); clamped to 6 h" })),
  source: Type.Optional(literals(EVENT_SOURCES)),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Position on the page, from 0' })),
  at: Type.String({ format: 'date-time', description: "When it happened, by the client's clock; more than a day off is replaced by the server's time" }),
});

export const eventBatchSchema = (maxBatch: number) =>
  Strict({
    // Anonymous viewers name their device with an id the app keeps (a random UUID in local storage).
    deviceId: Type.Optional(Token('Required when not signed in: the anonymous viewer the events belong to (ignored when signed in)')),
    events: Type.Array(ClientEventSchema, { minItems: 1, maxItems: maxBatch, description: `At most ${maxBatch} events; more is a 413` }),
  });

export const DROP_REASONS = ['unknown_item'] as const;

export const IngestResultSchema = Type.Object({
  accepted: Type.Integer({ description: 'Events stored by this request' }),
  duplicates: Type.Integer({ description: 'Events whose id was seen before (in this batch or an earlier one): stored once' }),
  dropped: Type.Array(Type.Object({ index: Type.Integer(), reason: literals(DROP_REASONS) }), { description: 'Events not stored: unknown_item (no such item, deleted or hidden)' }),
  clamped: Type.Array(Type.Object({ index: Type.Integer(), field: Type.String() }), { description: 'Events stored with a value corrected (watchMs, durationMs, at)' }),
});

export type ClientEvent = Static<typeof ClientEventSchema>;
export type EventBatch = Static<ReturnType<typeof eventBatchSchema>>;
export type IngestResult = Static<typeof IngestResultSchema>;
export type DropReason = (typeof DROP_REASONS)[number];
