// English strings of the store page (see zhStore.ts): every key of zhStore, no others.
import type { zhStore } from './zhStore';

export const enStore: Record<keyof typeof zhStore, string> = {
  'storePage.tabs': 'Store content',
  'storePage.tabGoods': 'Goods',
  'storePage.tabVideos': 'Videos',
  'storePage.tabLive': 'Live',
  'storePage.you': 'You & this store',
  'storePage.followed': 'Following',
  'storePage.boughtTimes': 'Bought {n}×',
  'storePage.lastBought': 'last on {date}',
  'storePage.buyAgain': 'Buy again',
  'storePage.noVideos': 'No videos from this store yet',
  'storePage.moreVideos': 'More videos',
  'storePage.noLive': 'No live streams right now',
  'storePage.noLiveHint': 'Follow the store to hear when it goes live',
  'storePage.liveNow': 'Live now',
  'storePage.upcoming': 'Coming up',
  'storePage.replays': 'Replays',
  'storePage.replay': 'Replay',
  'storePage.onAirBanner': 'The store is live now',
  'storePage.enterLive': 'Watch',
  'storePage.experience': 'Experience score',
};
