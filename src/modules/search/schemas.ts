// Route schemas of the search API: one query string for every tab, one result shape whose items
// carry the platform's own public shapes (product card, video, store summary, creator).
import { Type, type Static } from '@sinclair/typebox';
import { Fen, Id, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema, StoreSummarySchema } from '../catalog/schemas.ts';
import { VideoSchema } from '../content/schemas.ts';
import { CreatorSchema } from '../content/social-schemas.ts';

const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const TYPES = ['product', 'video', 'store', 'creator'] as const;
export const SORT_KEYS = ['relevance', 'sales', 'price_asc', 'price_desc', 'newest'] as const;

export const SearchQuery = Strict({
  // Generous here so the engine's own limit (100 characters after folding) answers with its
  // reason; anything longer never reaches it.
  q: Type.Optional(Type.String({ maxLength: 400 })),
  type: Type.Optional(Lit(TYPES)),
  category: Type.Optional(Id()),
  store: Type.Optional(Id()),
  minPrice: Type.Optional(Fen('Lowest price, fen')),
  maxPrice: Type.Optional(Fen('Highest price, fen')),
  flagship: Type.Optional(Type.Boolean()),
  inStock: Type.Optional(Type.Boolean()),
  shipsWithin: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'Dispatched within this many hours' })),
  sort: Type.Optional(Lit(SORT_KEYS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const FacetCount = Type.Object({ value: Type.String(), count: Type.Integer() });

export const SearchItemSchema = Type.Object({
  type: Lit(TYPES),
  id: Type.String(),
  /** The indexed title (name for stores and creators) and the matched parts of it, end exclusive, UTF-16 offsets. */
  title: Type.String(),
  highlights: Type.Array(Span),
  score: Type.Number(),
  product: Type.Optional(ProductCardSchema),
  video: Type.Optional(VideoSchema),
  store: Type.Optional(StoreSummarySchema),
  creator: Type.Optional(CreatorSchema),
});

export const SearchResultSchema = Type.Object({
  q: Type.String(),
  total: Type.Integer(),
  page: Type.Integer(),
  size: Type.Integer(),
  /** Matches per tab, whatever tab is chosen. */
  counts: Type.Object({ product: Type.Integer(), video: Type.Integer(), store: Type.Integer(), creator: Type.Integer() }),
  items: Type.Array(SearchItemSchema),
  /** Counts over the matches; each ignores its own filter, so the shopper can switch. */
  facets: Type.Object({
    categories: Type.Array(FacetCount),
    stores: Type.Array(FacetCount),
    priceBands: Type.Array(Type.Object({ minFen: Type.Integer(), maxFen: Type.Union([Type.Integer(), Type.Null()]), count: Type.Integer() })),
  }),
  /** Broad queries (over 20,000 matches) count facets and, with filters, the total on a sample: these are then estimates. */
  estimated: Type.Object({ total: Type.Boolean(), facets: Type.Boolean() }),
  understood: Type.Object({
    terms: Type.Array(Type.String()),
    corrections: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
    relaxed: Type.Boolean(),
  }),
});
export type SearchResultBody = Static<typeof SearchResultSchema>;
export type SearchItem = Static<typeof SearchItemSchema>;

export const SuggestQuery = Strict({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) });
export const SuggestResultSchema = Type.Object({
  q: Type.String(),
  items: Type.Array(Type.Object({ text: Type.String(), kind: Lit(['query', 'word', 'name'] as const), via: Lit(['text', 'pinyin', 'initials'] as const) })),
});
export type SuggestResult = Static<typeof SuggestResultSchema>;
