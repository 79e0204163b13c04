// Request and response schemas of the insights routes (they also make the OpenAPI document).
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';
import { CHANNELS, FIELDS } from './attribution.ts';
import { DEFINITIONS } from './definitions.ts';

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Rate = Type.Union([Type.Number(), Type.Null()]);
const N = Type.Integer({ minimum: 0 });
const Fen = Type.Integer();
const MaybeFen = Type.Union([Type.Integer(), Type.Null()]);

export const RangeQuery = Strict({
  from: Type.Optional(Day('First China day (YYYY-MM-DD), included; default 29 days before `to`')),
  to: Type.Optional(Day('Last China day, included; default today')),
});
export type RangeQueryT = Static<typeof RangeQuery>;

export const ListQuery = Strict({
  from: RangeQuery.properties.from,
  to: RangeQuery.properties.to,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const ExportQuery = Strict({
  from: RangeQuery.properties.from,
  to: RangeQuery.properties.to,
  table: Type.Optional(Type.Union([Type.Literal('days'), Type.Literal('content'), Type.Literal('creators')], { default: 'days' })),
});

const RangeSchema = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() });
const Sales = { gmvFen: Fen, orders: N, buyers: N, aovFen: MaybeFen };
const DefinitionSchema = Type.Object({ zh: Type.String(), en: Type.String() });
export const Definitions = Type.Record(Type.String(), DefinitionSchema);
export const definitions = (keys: ReadonlyArray<keyof typeof DEFINITIONS>) => Object.fromEntries(keys.map((k) => [k, DEFINITIONS[k]]));

export const StoreDashboardSchema = Type.Object({
  storeId: Type.String(),
  range: RangeSchema,
  totals: Type.Object({ ...Sales, refundFen: Fen, impressions: N, views: N, productTaps: N, visitors: N, conversion: Rate }),
  days: Type.Array(Type.Object({ day: Type.String(), ...Sales, refundFen: Fen, impressions: N, views: N, productTaps: N, visitors: N })),
  fields: Type.Array(Type.Object({ field: Type.Union(FIELDS.map((f) => Type.Literal(f))), ...Sales, impressions: N, views: N, productTaps: N })),
  channels: Type.Array(Type.Object({ channel: Type.Union(CHANNELS.map((c) => Type.Literal(c))), ...Sales, share: Rate })),
  definitions: Definitions,
  /** How far the behaviour log has been read: traffic after this time is not in the figures yet. */
  trafficAsOf: Type.Union([Type.String(), Type.Null()]),
});

export const ContentRowSchema = Type.Object({
  type: Type.Union([Type.Literal('video'), Type.Literal('live')]),
  id: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  creatorId: Type.Union([Type.String(), Type.Null()]),
  creatorName: Type.Union([Type.String(), Type.Null()]),
  impressions: N,
  views: N,
  productTaps: N,
  orders: N,
  paidOrders: N,
  gmvFen: Fen,
  gpmFen: MaybeFen,
  watchMs: N,
  avgWatchMs: MaybeFen,
  finishRate: Rate,
  viewRate: Rate,
  tapRate: Rate,
  payRate: Rate,
});
export const ContentReport = Type.Object({ range: RangeSchema, items: Type.Array(ContentRowSchema), definitions: Definitions });

export const LiveMinutesSchema = Type.Object({
  roomId: Type.String(),
  minutes: Type.Array(Type.Object({ minute: Type.String(), online: N, viewers: N, orders: N, gmvFen: Fen })),
  totals: Type.Object({ peakOnline: N, viewers: N, orders: N, gmvFen: Fen }),
});

export const CreatorReport = Type.Object({
  range: RangeSchema,
  items: Type.Array(Type.Object({ creatorId: Type.String(), name: Type.Union([Type.String(), Type.Null()]), channel: Type.Union(CHANNELS.map((c) => Type.Literal(c))), gmvFen: Fen, orders: N, buyers: N })),
  definitions: Definitions,
});

export const MyCreatorDashboard = Type.Object({
  range: RangeSchema,
  totals: Type.Object({ gmvFen: Fen, orders: N, views: N, impressions: N, gpmFen: MaybeFen }),
  days: Type.Array(Type.Object({ day: Type.String(), gmvFen: Fen, orders: N, views: N, impressions: N })),
  content: Type.Array(ContentRowSchema),
  definitions: Definitions,
});

export const PlatformDashboardSchema = Type.Object({
  range: RangeSchema,
  totals: Type.Object({
    gmvFen: Fen,
    orders: N,
    buyers: N,
    refundFen: Fen,
    complaints: N,
    nps: Type.Union([Type.Integer(), Type.Null()]),
    npsResponses: N,
    refundRate: Rate,
    complaintRate: Rate,
    pickupRate24h: Rate,
    newCreatorShare: Rate,
  }),
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      gmvFen: Fen,
      orders: N,
      refundFen: Fen,
      complaints: N,
      nps: Type.Union([Type.Integer(), Type.Null()]),
      npsResponses: N,
      impressions: N,
      newCreatorImpressions: N,
      pickupDue: N,
      pickedUp24h: N,
    }),
  ),
  scores: Type.Array(Type.Object({ band: Type.String(), stores: N })),
  definitions: Definitions,
});

export const StoreParams = Strict({ storeId: Id() });
export const StoreRoomParams = Strict({ storeId: Id(), roomId: Id() });
export const RoomParams = Strict({ roomId: Id() });
export const Csv = Type.String({ description: 'CSV (UTF-8 with BOM, so spreadsheet apps read Chinese right)' });
