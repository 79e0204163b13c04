// Chinese strings of the creator page (达人主页, creatorPage.*): the header, the 作品 / 橱窗 tabs and
// their empty states. enCreator.ts must provide every key.
export const zhCreator = {
  'creatorPage.followers': '粉丝',
  'creatorPage.works': '作品',
  'creatorPage.follow': '关注',
  'creatorPage.following': '已关注',
  'creatorPage.tabs': '达人内容',
  'creatorPage.tabVideos': '作品',
  'creatorPage.tabShowcase': '橱窗',
  'creatorPage.noVideos': 'TA 还没有发布作品',
  'creatorPage.noShowcase': 'TA 的橱窗里还没有商品',
  'creatorPage.showcaseCount': '共 {n} 件好物',
  'creatorPage.more': '查看更多',
};
