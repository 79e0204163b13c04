// Where a sale or a view happened, pure: the field (content 内容场: feed videos and live rooms;
// centre 中心场: search, mall, store pages, showcases, product pages, campaign pages) and the FACT
// channel of a sold line. Every line belongs to exactly one channel, by this precedence:
//  - content sold it (a video, a live room or a showcase, with its creator known):
//      F  the creator is staff of the selling store (the store's own account: self-broadcast);
//      T  a creator with at least `topFollowers` followers (a top KOL);
//      A  any other creator (alliance 精选联盟);
//  - otherwise C when the goods were in a campaign active at purchase, or bought from its page;
//  - otherwise N: organic centre-field sales that none of F/A/C/T brought.

export const FIELDS = ['content', 'centre', 'other'] as const;
export type Field = (typeof FIELDS)[number];
export const CHANNELS = ['F', 'A', 'C', 'T', 'N'] as const;
export type Channel = (typeof CHANNELS)[number];

const CONTENT_LINE = new Set(['feed_video', 'live_room']);
const CENTRE_LINE = new Set(['search', 'store_page', 'mall', 'showcase', 'product_page', 'campaign']);
const CONTENT_EVENT = new Set(['feed', 'live', 'video']);
const CENTRE_EVENT = new Set(['search', 'mall', 'store', 'product', 'showcase']);

/** The field of an order line by its last touch (commerce's source types). */
export function lineField(sourceType: string | null | undefined): Field {
  if (!sourceType) return 'other';
  if (CONTENT_LINE.has(sourceType)) return 'content';
  if (CENTRE_LINE.has(sourceType)) return 'centre';
  return 'other';
}

/** The field of a behaviour event by the page it came from (the feed module's event sources). */
export function eventField(source: string | null | undefined): Field {
  if (!source) return 'other';
  if (CONTENT_EVENT.has(source)) return 'content';
  if (CENTRE_EVENT.has(source)) return 'centre';
  return 'other';
}

/** The creator behind the content that sold a line, as the composition root found them. */
export interface ContentCreator {
  creatorId: string;
  /** The creator is staff of the store whose goods the line sold. */
  storeStaff: boolean;
  followers: number;
}

export function channelOf(creator: ContentCreator | null, campaignId: string | null, topFollowers: number): Channel {
  if (creator) {
    if (creator.storeStaff) return 'F';
    return creator.followers >= topFollowers ? 'T' : 'A';
  }
  return campaignId ? 'C' : 'N';
}

/** GMV per 1,000 views, in fen (null without views). */
export function gpm(gmvFen: number, views: number): number | null {
  return views > 0 ? Math.round((gmvFen * 1000) / views) : null;
}

/** a ÷ b rounded to 4 places, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null;
}
