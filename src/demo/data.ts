// The demo world's vocabulary: categories with the goods, options and price ranges typical of
// each, and the stores that sell them. All names are invented.

export interface LeafSpec {
  zh: string;
  en: string;
  nouns: string[];
  /** Option name → values; a product uses up to two of these. */
  options: Record<string, string[]>;
  priceYuan: [number, number];
  attrs: Record<string, string[]>;
}
export interface RootSpec {
  zh: string;
  en: string;
  hue: number;
  leaves: LeafSpec[];
}

const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const COLOURS = ['黑色', '白色', '米色', '雾霾蓝', '燕麦色', '酒红', '墨绿', '浅粉'];

export const CATEGORIES: RootSpec[] = [
  { zh: '服饰内衣', en: 'Apparel', hue: 340, leaves: [
    { zh: '女装', en: "Women's wear", nouns: ['针织开衫', '法式连衣裙', '高腰牛仔裤', '羊毛大衣', '真丝衬衫'], options: { 颜色: COLOURS, 尺码: SIZES }, priceYuan: [59, 899], attrs: { 面料: ['棉', '羊毛', '真丝', '聚酯纤维'], 风格: ['通勤', '休闲', '复古'] } },
    { zh: '男装', en: "Men's wear", nouns: ['纯棉T恤', '商务衬衫', '加绒卫衣', '休闲夹克', '直筒西裤'], options: { 颜色: COLOURS, 尺码: SIZES }, priceYuan: [49, 699], attrs: { 面料: ['棉', '涤纶', '亚麻'], 版型: ['修身', '宽松', '常规'] } },
    { zh: '内衣袜子', en: 'Underwear', nouns: ['无痕内裤', '纯棉袜子', '保暖内衣套装', '运动文胸'], options: { 颜色: COLOURS.slice(0, 4), 规格: ['单件装', '3件装', '5件装'] }, priceYuan: [19, 199], attrs: { 面料: ['莫代尔', '精梳棉'] } },
  ] },
  { zh: '美妆护肤', en: 'Beauty', hue: 0, leaves: [
    { zh: '面部护肤', en: 'Skincare', nouns: ['玻尿酸精华', '修护面霜', '氨基酸洗面奶', '补水面膜'], options: { 规格: ['30ml', '50ml', '100ml'] }, priceYuan: [39, 599], attrs: { 功效: ['补水', '修护', '美白', '控油'], 适合肤质: ['任何肤质', '干性', '油性'] } },
    { zh: '彩妆', en: 'Makeup', nouns: ['丝绒口红', '气垫粉底', '眼影盘', '睫毛膏'], options: { 色号: ['#01 正红', '#02 豆沙', '#03 奶茶', '#04 珊瑚'] }, priceYuan: [29, 399], attrs: { 质地: ['哑光', '水润', '珠光'] } },
    { zh: '香水', en: 'Fragrance', nouns: ['淡香水', '香氛身体乳', '车载香薰'], options: { 容量: ['30ml', '50ml', '100ml'] }, priceYuan: [69, 899], attrs: { 香调: ['花香调', '木质调', '柑橘调'] } },
  ] },
  { zh: '食品生鲜', en: 'Food', hue: 30, leaves: [
    { zh: '休闲零食', en: 'Snacks', nouns: ['每日坚果', '手撕牛肉干', '黄油曲奇', '海苔脆片', '芒果干'], options: { 规格: ['250g', '500g', '1kg'], 口味: ['原味', '香辣', '五香'] }, priceYuan: [9, 129], attrs: { 保质期: ['6个月', '9个月', '12个月'], 产地: ['浙江', '四川', '广东'] } },
    { zh: '生鲜水果', en: 'Fresh fruit', nouns: ['赣南脐橙', '阿克苏苹果', '海南金煌芒', '丹东草莓', '猕猴桃'], options: { 规格: ['2.5kg', '5kg', '10kg'] }, priceYuan: [19, 199], attrs: { 产地: ['江西赣州', '新疆阿克苏', '海南三亚', '辽宁丹东'], 储存: ['冷藏', '常温'] } },
    { zh: '茶饮冲调', en: 'Tea & drinks', nouns: ['明前龙井', '云南普洱', '挂耳咖啡', '红枣枸杞茶'], options: { 规格: ['100g', '250g', '500g'] }, priceYuan: [19, 799], attrs: { 产地: ['杭州', '云南', '福建'] } },
    { zh: '粮油调味', en: 'Pantry', nouns: ['五常大米', '古法红糖', '土榨菜籽油', '手工挂面', '农家土蜂蜜'], options: { 规格: ['500g', '1kg', '5kg'] }, priceYuan: [15, 299], attrs: { 产地: ['黑龙江五常', '云南', '四川', '陕西'] } },
  ] },
  { zh: '家居日用', en: 'Home', hue: 200, leaves: [
    { zh: '家纺', en: 'Bedding', nouns: ['纯棉四件套', '蚕丝被', '乳胶枕', '珊瑚绒毯'], options: { 颜色: COLOURS.slice(0, 5), 尺寸: ['1.5m床', '1.8m床', '2.0m床'] }, priceYuan: [99, 1299], attrs: { 面料: ['全棉', '天丝', '蚕丝'] } },
    { zh: '收纳清洁', en: 'Storage & cleaning', nouns: ['收纳箱', '免洗拖把', '洗衣凝珠', '厨房湿巾'], options: { 规格: ['单只装', '两只装', '四只装'] }, priceYuan: [9, 199], attrs: { 材质: ['PP', '无纺布', '不锈钢'] } },
    { zh: '厨具餐具', en: 'Kitchen', nouns: ['不粘炒锅', '陶瓷碗碟套装', '真空保温杯', '砧板'], options: { 颜色: ['象牙白', '复古绿', '雾蓝'], 规格: ['小号', '中号', '大号'] }, priceYuan: [19, 599], attrs: { 材质: ['陶瓷', '304不锈钢', '铸铁'] } },
  ] },
  { zh: '数码家电', en: 'Electronics', hue: 220, leaves: [
    { zh: '手机配件', en: 'Phone accessories', nouns: ['快充充电器', '磁吸充电宝', '蓝牙耳机', '手机壳'], options: { 颜色: ['黑色', '白色', '蓝色'] }, priceYuan: [19, 599], attrs: { 接口: ['Type-C', 'Lightning'], 功率: ['20W', '33W', '65W'] } },
    { zh: '小家电', en: 'Small appliances', nouns: ['空气炸锅', '破壁机', '电动牙刷', '吹风机', '加湿器'], options: { 颜色: ['白色', '奶油黄', '薄荷绿'] }, priceYuan: [79, 1599], attrs: { 功率: ['800W', '1200W', '1800W'], 保修: ['一年', '两年'] } },
  ] },
  { zh: '母婴玩具', en: 'Baby & toys', hue: 50, leaves: [
    { zh: '玩具', en: 'Toys', nouns: ['积木拼装', '毛绒公仔', '遥控汽车', '益智拼图'], options: { 款式: ['经典款', '豪华款'] }, priceYuan: [29, 499], attrs: { 适用年龄: ['3岁以上', '6岁以上', '14岁以上'] } },
    { zh: '婴童用品', en: 'Baby care', nouns: ['婴儿湿巾', '纸尿裤', '儿童水杯', '宝宝面霜'], options: { 规格: ['S码', 'M码', 'L码'] }, priceYuan: [29, 299], attrs: { 适用年龄: ['0-6个月', '6-12个月', '1-3岁'] } },
  ] },
  { zh: '运动户外', en: 'Sports', hue: 120, leaves: [
    { zh: '运动鞋服', en: 'Sportswear', nouns: ['跑步鞋', '速干T恤', '瑜伽裤', '冲锋衣'], options: { 颜色: ['黑色', '白色', '荧光绿'], 尺码: ['36', '37', '38', '39', '40', '41', '42', '43'] }, priceYuan: [59, 999], attrs: { 适用场景: ['跑步', '健身', '徒步'] } },
    { zh: '户外装备', en: 'Outdoor gear', nouns: ['露营帐篷', '折叠椅', '登山杖', '保温水壶'], options: { 规格: ['单人', '双人', '家庭款'] }, priceYuan: [39, 1299], attrs: { 材质: ['铝合金', '牛津布', '碳纤维'] } },
  ] },
  { zh: '山货特产', en: 'Rural goods', hue: 90, leaves: [
    { zh: '山珍干货', en: 'Mountain produce', nouns: ['野生香菇', '云南松茸', '长白山木耳', '高山笋干', '核桃仁'], options: { 规格: ['250g', '500g', '1kg'] }, priceYuan: [29, 599], attrs: { 产地: ['云南', '吉林长白山', '贵州', '湖北神农架'], 种植方式: ['野生', '林下种植'] } },
    { zh: '地方特产', en: 'Local specialties', nouns: ['腊肉', '手工糍粑', '土鸡蛋', '红薯粉条', '柿饼'], options: { 规格: ['500g', '1kg', '2kg'] }, priceYuan: [19, 299], attrs: { 产地: ['湖南湘西', '四川凉山', '陕西富平', '广西'] } },
  ] },
];

export const ADJECTIVES = ['新款', '爆款', '经典', '升级版', '加厚', '轻薄', '高端', '家用', '便携', '网红同款', '原创设计', '正品', '大容量', '限量'];

export interface StoreSpec {
  name: string;
  roots: number[];
  flagship?: boolean;
  rural?: boolean;
}

export const STORES: StoreSpec[] = [
  { name: '栖木家居官方旗舰店', roots: [3], flagship: true },
  { name: '山野集·云南山货', roots: [7, 2], rural: true },
  { name: '长白山林下好物', roots: [7], rural: true },
  { name: '湘西腊味小铺', roots: [7, 2], rural: true },
  { name: '赣南果园直发', roots: [2], rural: true },
  { name: '轻语美妆旗舰店', roots: [1], flagship: true },
  { name: '拾光女装', roots: [0] },
  { name: '简隅男装', roots: [0] },
  { name: '暖阳内衣', roots: [0] },
  { name: '小鹿零食铺', roots: [2] },
  { name: '茗山茶舍', roots: [2] },
  { name: '锐动运动官方旗舰店', roots: [6], flagship: true },
  { name: '野径户外', roots: [6] },
  { name: '声浪数码', roots: [4] },
  { name: '小当家电器', roots: [4, 3] },
  { name: '童趣玩具屋', roots: [5] },
  { name: '贝贝安心母婴', roots: [5] },
  { name: '一方厨房', roots: [3] },
  { name: '净享生活馆', roots: [3] },
  { name: '香遇调香室', roots: [1] },
  { name: '禾田粮油', roots: [2, 7], rural: true },
  { name: '织梦家纺', roots: [3] },
  { name: '潮玩研究所', roots: [5, 4] },
  { name: '每日鲜果', roots: [2] },
];

export const CREATORS = ['小鱼爱分享', '厨房里的老王', '山里的阿妹', '穿搭日记Lily', '数码测评君', '宝妈小雅'];
export const SHOPPERS = ['张三', '李四', '王小明', '陈晓', '刘洋', '赵敏', '孙悦', '周杰'];
