// The carriers (快递公司) a merchant may ship with, by the codes tracking aggregators use. The
// list is closed: an unknown code is a typo or a made-up carrier, and a parcel we cannot track
// would leave the order without pick-up or delivery, so shipping refuses it.
export interface Carrier {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const CARRIERS: readonly Carrier[] = [
  { code: 'sf', nameZh: '顺丰速运', nameEn: 'SF Express' },
  { code: 'zto', nameZh: '中通快递', nameEn: 'ZTO Express' },
  { code: 'yto', nameZh: '圆通速递', nameEn: 'YTO Express' },
  { code: 'sto', nameZh: '申通快递', nameEn: 'STO Express' },
  { code: 'yunda', nameZh: '韵达速递', nameEn: 'Yunda Express' },
  { code: 'jd', nameZh: '京东物流', nameEn: 'JD Logistics' },
  { code: 'ems', nameZh: 'EMS', nameEn: 'China Post EMS' },
  { code: 'youzheng', nameZh: '邮政快递包裹', nameEn: 'China Post Parcel' },
  { code: 'jtexpress', nameZh: '极兔速递', nameEn: 'J&T Express' },
  { code: 'debang', nameZh: '德邦快递', nameEn: 'Deppon Express' },
];

const BY_CODE = new Map(CARRIERS.map((c) => [c.code, c]));

export const carrierByCode = (code: string): Carrier | undefined => BY_CODE.get(code);

/** Tracking numbers as carriers print them: letters, digits and hyphens. */
export const TRACKING_NO_PATTERN = '^[A-Za-z0-9-]{6,40}$';
