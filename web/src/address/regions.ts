// Mainland China's province-level divisions, for the address form's first picker. Cities and
// districts are typed (a full region tree is a large download for one form).

export const PROVINCES = [
  '北京市', '天津市', '上海市', '重庆市',
  '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省',
  '河南省', '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省', '云南省', '陕西省', '甘肃省', '青海省',
  '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区',
] as const;

/** Municipalities: the city is the province itself. */
const MUNICIPALITIES = new Set<string>(['北京市', '天津市', '上海市', '重庆市']);

export function isMunicipality(province: string): boolean {
  return MUNICIPALITIES.has(province);
}

/** Mainland mobile number, as the server checks it. */
export const PHONE = /^1[3-9]\d{9}$/;

/** "浙江省 杭州市 西湖区" (a municipality's city is not repeated). */
export function regionText(a: { province: string; city: string; district: string }): string {
  const parts = a.city === a.province ? [a.province, a.district] : [a.province, a.city, a.district];
  return parts.filter(Boolean).join(' ');
}
