// English strings of the creator page (creatorPage.*); the keys are zhCreator.ts's.
import type { zhCreator } from './zhCreator';

export const enCreator: Record<keyof typeof zhCreator, string> = {
  'creatorPage.followers': 'followers',
  'creatorPage.works': 'videos',
  'creatorPage.follow': 'Follow',
  'creatorPage.following': 'Following',
  'creatorPage.tabs': 'Creator content',
  'creatorPage.tabVideos': 'Videos',
  'creatorPage.tabShowcase': 'Showcase',
  'creatorPage.noVideos': 'No videos yet',
  'creatorPage.noShowcase': 'Nothing in this showcase yet',
  'creatorPage.showcaseCount': '{n} picks',
  'creatorPage.more': 'Show more',
};
