// The made-up journey of a sandbox parcel: picked up in one city, through two sorting hubs, out
// for delivery and signed for in another. The cities follow from the tracking number, so the same
// parcel always travels the same way (reproducible demos and tests).
import { createHash } from 'node:crypto';
import { carrierByCode } from '../carriers.ts';
import type { ScanStatus } from '../state.ts';

export interface Scan {
  status: ScanStatus;
  description: string;
  location: string;
  /** Which configured delay comes before this scan. */
  after: 'pickup' | 'transit' | 'deliver';
}

const CITIES = ['杭州', '上海', '广州', '深圳', '北京', '成都', '武汉', '西安', '南京', '郑州'] as const;

export function journey(carrier: string, trackingNo: string): Scan[] {
  const h = createHash('sha256').update(`${carrier}:${trackingNo}`).digest();
  const from = CITIES[h[0]! % CITIES.length]!;
  const to = CITIES[(h[0]! + 1 + (h[1]! % (CITIES.length - 1))) % CITIES.length]!;
  const name = carrierByCode(carrier)?.nameZh ?? carrier;
  return [
    { status: 'picked_up', after: 'pickup', location: `${from}市`, description: `【${from}市】快件已揽收` },
    { status: 'in_transit', after: 'transit', location: `${from}转运中心`, description: `运输中 【${from}转运中心】 已发出，下一站 【${to}转运中心】` },
    { status: 'in_transit', after: 'transit', location: `${to}转运中心`, description: `运输中 【${to}转运中心】 已到达` },
    { status: 'in_transit', after: 'transit', location: `${to}市`, description: `【${to}市】快件正在派送中，请保持电话畅通` },
    { status: 'delivered', after: 'deliver', location: `${to}市`, description: `【${to}市】已签收，签收人：本人。感谢使用${name}，期待再次为您服务` },
  ];
}
