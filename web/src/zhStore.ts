// Chinese strings of the store page's tabs, its videos and live rooms, 你与本店 and the
// experience-score badge (storePage.*). enStore.ts must provide every key.
export const zhStore = {
  'storePage.tabs': '店铺内容',
  'storePage.tabGoods': '商品',
  'storePage.tabVideos': '视频',
  'storePage.tabLive': '直播',
  'storePage.you': '你与本店',
  'storePage.followed': '已关注',
  'storePage.boughtTimes': '买过 {n} 次',
  'storePage.lastBought': '上次购买 {date}',
  'storePage.buyAgain': '再次购买',
  'storePage.noVideos': '店铺还没有发布视频',
  'storePage.moreVideos': '查看更多视频',
  'storePage.noLive': '店铺暂时没有直播',
  'storePage.noLiveHint': '关注店铺，开播第一时间知道',
  'storePage.liveNow': '正在直播',
  'storePage.upcoming': '直播预告',
  'storePage.replays': '直播回放',
  'storePage.replay': '回放',
  'storePage.onAirBanner': '店铺正在直播',
  'storePage.enterLive': '进入直播间',
  'storePage.experience': '商家体验分',
};
