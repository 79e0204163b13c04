// What each figure means, shown beside it in the dashboards (zh and en). One place, so the
// screens, the CSV export and the tests speak of the same thing.
export interface Definition {
  zh: string;
  en: string;
}

export const DEFINITIONS = {
  gmv: { zh: '成交金额：当日支付成功订单的实付金额（含运费，未扣退款），按支付时间计入（北京时间）。', en: 'GMV: what shoppers paid for orders paid that day (shipping included, refunds not deducted), by payment time (Beijing days).' },
  orders: { zh: '支付订单数：当日支付成功的订单数。', en: 'Orders: orders paid that day.' },
  buyers: { zh: '支付买家数：区间内支付过订单的不同买家数（不是每日之和）。', en: 'Buyers: distinct shoppers who paid in the range (not the sum of days).' },
  aov: { zh: '客单价：成交金额 ÷ 支付订单数。', en: 'Average order value: GMV ÷ orders.' },
  refunds: { zh: '退款金额：当日完成的售后退款。', en: 'Refunds: after-sales refunds completed that day.' },
  visitors: { zh: '访客数：区间内点击或加购本店商品的不同用户数。', en: 'Visitors: distinct viewers who tapped or carted one of the store’s goods in the range.' },
  conversion: { zh: '转化率：支付买家数 ÷ 访客数。', en: 'Conversion: buyers ÷ visitors.' },
  impressions: { zh: '曝光：本店视频、直播间和商品被展示的次数。', en: 'Impressions: times the store’s videos, live rooms and goods were shown.' },
  views: { zh: '观看：视频或直播被播放的次数。', en: 'Views: plays of the videos and live rooms.' },
  fields: { zh: '内容场：短视频与直播；中心场：搜索、商城、店铺页、橱窗、商品页、活动页；其他：来源不明。按订单行最后一次触达归属。', en: 'Content field: videos and live rooms; centre field: search, mall, store page, showcase, product page, campaign page; other: unknown. By each line’s last touch.' },
  fact: { zh: 'FACT：F 自营账号（店铺员工的视频与自播）；A 联盟达人；T 头部达人（粉丝数不低于门槛）；C 平台活动（活动商品，非内容带来的成交）；N 其余自然成交。每行只归一个渠道。', en: 'FACT: F the store’s own accounts (staff videos and self-broadcast); A alliance creators; T top creators (followers at or above the threshold); C campaigns (campaign goods sold outside content); N the rest. Each line counts in one channel.' },
  gpm: { zh: 'GPM：每千次观看成交金额 = 成交金额 ÷ 观看 × 1000。', en: 'GPM: GMV per 1,000 views = GMV ÷ views × 1000.' },
  finishRate: { zh: '完播率：完整播放次数 ÷ 观看。', en: 'Finish rate: finishes ÷ views.' },
  nps: { zh: 'NPS：推荐者占比 − 贬损者占比（订单与服务满意度调查，0–10 分）。', en: 'NPS: % promoters − % detractors (order and service surveys, 0–10).' },
  refundRate: { zh: '退款率：退款金额 ÷ 成交金额。', en: 'Refund rate: refunds ÷ GMV.' },
  complaintRate: { zh: '投诉率：投诉数 ÷ 支付订单数；投诉 = 因商家原因发起的售后、升级的售后、商家原因的客服工单。', en: 'Complaint rate: complaints ÷ orders; a complaint is an after-sales case for the store’s fault, an escalated case, or a service ticket about the store’s fault.' },
  pickup24h: { zh: '24 小时揽收率：支付满 24 小时的订单中，24 小时内被揽收的占比。', en: '24 h pick-up rate: of the orders paid at least 24 h ago, the share picked up within 24 h of payment.' },
  newCreatorShare: { zh: '新达人曝光占比：视频曝光中，首个视频发布不满配置天数的达人所占比例。', en: 'New-creator exposure share: the share of video impressions that went to creators whose first video is younger than the configured days.' },
  scoreDistribution: { zh: '体验分分布：各店铺最新商家体验分的分段计数。', en: 'Score distribution: stores by their latest experience score band.' },
} as const satisfies Record<string, Definition>;

export type DefinitionKey = keyof typeof DEFINITIONS;
