// The generated catalog and query mix of `npm run bench -- search`: deterministic (seeded), with
// Zipf-like skew (a few nouns and brands are everywhere, most are rare), Chinese titles with some
// English words, attributes and descriptions. Each doc also carries its text pre-segmented (the
// generator knows the words), which is what PostgreSQL and the JS library are given.
import { pinyin } from 'pinyin-pro';
import type { SearchDoc, SearchFilters } from '../src/engines/search/index.ts';
import { seededRandom } from '../src/platform/random.ts';

interface Noun { zh: string; en: string }
const CATEGORIES: Array<{ id: string; nouns: Noun[]; brands: string[] }> = [
  { id: 'phone', nouns: [{ zh: '手机', en: 'phone' }, { zh: '手机壳', en: 'case' }, { zh: '充电器', en: 'charger' }, { zh: '数据线', en: 'cable' }, { zh: '钢化膜', en: 'protector' }, { zh: '充电宝', en: 'powerbank' }], brands: ['苹果', '华为', '小米', 'OPPO', 'vivo', '荣耀', '三星', '一加'] },
  { id: 'audio', nouns: [{ zh: '耳机', en: 'headphones' }, { zh: '音箱', en: 'speaker' }, { zh: '麦克风', en: 'microphone' }, { zh: '声卡', en: 'soundcard' }], brands: ['索尼', '漫步者', 'JBL', 'Bose', '铁三角', '森海塞尔'] },
  { id: 'computer', nouns: [{ zh: '笔记本电脑', en: 'laptop' }, { zh: '键盘', en: 'keyboard' }, { zh: '鼠标', en: 'mouse' }, { zh: '显示器', en: 'monitor' }, { zh: '路由器', en: 'router' }, { zh: '平板电脑', en: 'tablet' }], brands: ['联想', '戴尔', '华硕', '罗技', '惠普', '雷蛇', '宏碁'] },
  { id: 'men', nouns: [{ zh: 'T恤', en: 'tshirt' }, { zh: '衬衫', en: 'shirt' }, { zh: '牛仔裤', en: 'jeans' }, { zh: '夹克', en: 'jacket' }, { zh: '卫衣', en: 'hoodie' }, { zh: '羽绒服', en: 'down' }, { zh: '休闲裤', en: 'trousers' }], brands: ['优衣库', '海澜之家', '李宁', '安踏', '森马', '太平鸟', 'GAP'] },
  { id: 'women', nouns: [{ zh: '连衣裙', en: 'dress' }, { zh: '半身裙', en: 'skirt' }, { zh: '毛衣', en: 'sweater' }, { zh: '风衣', en: 'trench' }, { zh: '打底衫', en: 'top' }, { zh: '大衣', en: 'coat' }], brands: ['ZARA', '欧时力', '伊芙丽', '拉夏贝尔', 'ONLY', '乐町'] },
  { id: 'shoes', nouns: [{ zh: '运动鞋', en: 'sneakers' }, { zh: '跑步鞋', en: 'running' }, { zh: '篮球鞋', en: 'basketball' }, { zh: '拖鞋', en: 'slippers' }, { zh: '靴子', en: 'boots' }, { zh: '帆布鞋', en: 'canvas' }], brands: ['耐克', '阿迪达斯', '新百伦', '回力', '特步', '匹克'] },
  { id: 'fruit', nouns: [{ zh: '苹果', en: 'apple' }, { zh: '香蕉', en: 'banana' }, { zh: '草莓', en: 'strawberry' }, { zh: '橙子', en: 'orange' }, { zh: '葡萄', en: 'grape' }, { zh: '芒果', en: 'mango' }, { zh: '榴莲', en: 'durian' }, { zh: '车厘子', en: 'cherry' }], brands: ['佳沛', '都乐', '百果园', '褚橙', '鲜丰'] },
  { id: 'food', nouns: [{ zh: '坚果', en: 'nuts' }, { zh: '牛奶', en: 'milk' }, { zh: '咖啡', en: 'coffee' }, { zh: '茶叶', en: 'tea' }, { zh: '巧克力', en: 'chocolate' }, { zh: '饼干', en: 'biscuit' }, { zh: '大米', en: 'rice' }], brands: ['三只松鼠', '良品铺子', '伊利', '蒙牛', '雀巢', '百草味', '德芙'] },
  { id: 'beauty', nouns: [{ zh: '口红', en: 'lipstick' }, { zh: '面霜', en: 'cream' }, { zh: '精华液', en: 'serum' }, { zh: '面膜', en: 'mask' }, { zh: '洗发水', en: 'shampoo' }, { zh: '防晒霜', en: 'sunscreen' }], brands: ['兰蔻', '雅诗兰黛', '欧莱雅', '迪奥', '资生堂', '完美日记', '花西子'] },
  { id: 'home', nouns: [{ zh: '保温杯', en: 'thermos' }, { zh: '床垫', en: 'mattress' }, { zh: '沙发', en: 'sofa' }, { zh: '四件套', en: 'bedding' }, { zh: '收纳盒', en: 'storage' }, { zh: '台灯', en: 'lamp' }, { zh: '拖把', en: 'mop' }], brands: ['宜家', '无印良品', '网易严选', '象印', '膳魔师', '富安娜'] },
  { id: 'appliance', nouns: [{ zh: '空调', en: 'aircon' }, { zh: '冰箱', en: 'fridge' }, { zh: '洗衣机', en: 'washer' }, { zh: '电视', en: 'tv' }, { zh: '吸尘器', en: 'vacuum' }, { zh: '电饭煲', en: 'cooker' }, { zh: '空气炸锅', en: 'airfryer' }], brands: ['美的', '格力', '海尔', '戴森', '九阳', '苏泊尔', '小熊'] },
  { id: 'baby', nouns: [{ zh: '奶粉', en: 'formula' }, { zh: '纸尿裤', en: 'diapers' }, { zh: '婴儿车', en: 'stroller' }, { zh: '积木', en: 'blocks' }, { zh: '奶瓶', en: 'bottle' }], brands: ['飞鹤', '帮宝适', '好孩子', '乐高', '贝亲', '花王'] },
  { id: 'pet', nouns: [{ zh: '猫粮', en: 'catfood' }, { zh: '狗粮', en: 'dogfood' }, { zh: '猫砂', en: 'litter' }, { zh: '猫爬架', en: 'cattree' }], brands: ['皇家', '伯纳天纯', '渴望', '麦富迪'] },
  { id: 'sports', nouns: [{ zh: '瑜伽垫', en: 'yoga' }, { zh: '哑铃', en: 'dumbbell' }, { zh: '自行车', en: 'bicycle' }, { zh: '帐篷', en: 'tent' }, { zh: '背包', en: 'backpack' }, { zh: '跳绳', en: 'rope' }], brands: ['迪卡侬', 'Keep', '凯乐石', '探路者', '骆驼'] },
];
const MODS = ['新款', '夏季', '冬季', '加厚', '大容量', '便携', '纯棉', '轻薄', '防水', '高清', '智能', '无线', '家用', '男士', '女士', '儿童', '宽松', '修身', '复古', '简约', '进口', '有机', '正品', '官方', '旗舰', '静音', '快充', '耐磨', '保暖', '透气'];
const COLORS = ['红色', '黑色', '白色', '蓝色', '绿色', '灰色', '粉色', '紫色'];
const DESC = ['品质保证', '售后无忧', '七天无理由退货', '顺丰包邮', '厂家直销', '限时优惠', '好评如潮', '支持验货', '新品上市', '工厂直发', '源头好货', '品牌授权', '质量可靠', '性价比高'];
const EN_MODS = ['new', 'portable', 'wireless', 'waterproof', 'premium', 'classic', 'smart', 'mini', 'pro', 'ultra'];

export interface BenchDoc { doc: SearchDoc; cat: number; segmented: string }
export interface BenchQuery { q: string; words: string[]; filters: SearchFilters; kind: string }

const py = (s: string) => pinyin(s, { toneType: 'none', type: 'array', v: true }).join('');

/** Zipf-like index in [0, n): small indices much more likely. */
function skewed(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * rand() ** 2.2));
}

export function* generateCatalog(n: number, seed = 7): Generator<BenchDoc> {
  const rand = seededRandom(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  for (let i = 0; i < n; i++) {
    const cat = skewed(rand, CATEGORIES.length);
    const c = CATEGORIES[cat]!;
    const noun = c.nouns[skewed(rand, c.nouns.length)]!;
    const brand = c.brands[skewed(rand, c.brands.length)]!;
    const mods = [pick(MODS), pick(MODS)];
    const color = pick(COLORS);
    const en = rand() < 0.5 ? [pick(EN_MODS), noun.en] : [];
    const spec = `${1 + Math.floor(rand() * 50) * 10}${pick(['g', 'ml', 'cm', 'GB', '件'])}`;
    const titleWords = [brand, ...mods, noun.zh, ...en, spec];
    const attrs = [`品牌 ${brand}`, `颜色 ${color}`];
    const descWords = [pick(DESC), pick(DESC), pick(DESC)];
    const doc: SearchDoc = {
      id: `p${i}`, type: 'product', title: titleWords.join(' '), attributes: attrs, description: descWords.join('，'),
      categoryId: c.id, storeId: `s${skewed(rand, 20_000)}`, flagship: rand() < 0.1, priceFen: 100 * (1 + Math.floor(rand() ** 2 * 5000)),
      inStock: rand() < 0.9, shipsWithinHours: pick([24, 48, 72]), sales: Math.floor(rand() ** 4 * 100_000), createdAt: i, quality: 0.5 + rand(),
    };
    yield { doc, cat, segmented: [...titleWords, brand, color, ...descWords].join(' ').toLowerCase() };
  }
}

/** The fixed query mix: 1–3 words; Chinese, English, pinyin; 40% with a filter. */
export function generateQueries(n: number, seed = 11): BenchQuery[] {
  const rand = seededRandom(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const c = CATEGORIES[skewed(rand, CATEGORIES.length)]!;
    const noun = c.nouns[skewed(rand, c.nouns.length)]!;
    const brand = c.brands[skewed(rand, c.brands.length)]!;
    const r = rand();
    let q: BenchQuery;
    if (r < 0.3) q = { q: noun.zh, words: [noun.zh], filters: {}, kind: 'zh1' };
    else if (r < 0.5) q = { q: `${brand} ${noun.zh}`, words: [brand, noun.zh], filters: {}, kind: 'zh2' };
    else if (r < 0.6) { const m = pick(MODS); q = { q: `${brand} ${m} ${noun.zh}`, words: [brand, m, noun.zh], filters: {}, kind: 'zh3' }; }
    else if (r < 0.75) { const m = pick(EN_MODS); q = rand() < 0.5 ? { q: noun.en, words: [noun.en], filters: {}, kind: 'en1' } : { q: `${m} ${noun.en}`, words: [m, noun.en], filters: {}, kind: 'en2' }; }
    else if (r < 0.9) q = { q: py(noun.zh), words: [noun.zh], filters: {}, kind: 'pinyin1' };
    else q = { q: `${py(brand)} ${py(noun.zh)}`, words: [brand, noun.zh], filters: {}, kind: 'pinyin2' };
    const f = rand();
    if (f < 0.15) q.filters = { categoryIds: [c.id] };
    else if (f < 0.3) q.filters = { priceMinFen: 5_000, priceMaxFen: 50_000 };
    else if (f < 0.4) q.filters = { inStock: true, flagship: true };
    out.push(q);
  }
  return out;
}

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id);
