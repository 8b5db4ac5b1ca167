/**
 * About 60 benefit merchants (普惠商家) across Hangzhou's districts and about 90 offers:
 * free coupons (满减, 折扣), union-subsidised vouchers (爱心超市 cards, riders' lunches)
 * and member-price items (体检套餐). Positions are GCJ-02 around the same district centres
 * the stations use. The demo merchant sits next to the demo station on 文三路, with a clerk
 * login for the redemption pages.
 */
import type { Types } from 'mongoose';
import type { CouponTerms, LimitPeriod, MerchantCategory, Occupation, OfferKind } from '@union/shared';
import { reserveSequence } from '../db/counters';
import { AccountModel } from '../modules/auth/account.model';
import { MerchantModel } from '../modules/merchants/merchant.model';
import { CATALOGUE_SEQUENCE } from '../modules/merchants/catalogue';
import { OfferModel } from '../modules/offers/offer.model';
import { DEMO_STAFF_PASSWORD } from './demo-people';
import { DISTRICTS } from './demo-stations';
import type { Random } from '../seeded-random';
import { utcDate } from './deterministic-ids';

export const DEMO_MERCHANT = {
  name: '文三路职工爱心超市',
  orgName: '西溪街道总工会',
  category: 'supermarket' as MerchantCategory,
  // About 90 m from the demo station (文三路数字商圈工会驿站).
  location: { lat: 30.2779, lng: 120.1311 },
  address: '杭州市西湖区文三路 265 号',
};

/** The demo merchant's clerk: signs in with a password and redeems for the demo merchant. */
export const DEMO_MERCHANT_CLERK = {
  username: 'merchant_demo',
  password: DEMO_STAFF_PASSWORD,
  displayName: '爱心超市店员小王',
};

const VALID_FROM = new Date('2026-01-01T00:00:00+08:00');
const VALID_UNTIL = new Date('2027-12-31T23:59:59+08:00');
const SIGNED_AT = utcDate(2025, 12, 1);

interface OfferTemplate {
  kind: OfferKind;
  title: string;
  description?: string;
  usageNotes: string;
  coupon?: CouponTerms;
  faceValueFen?: number;
  priceFen?: number;
  unionSubsidyFen?: number;
  stockTotal: number;
  limitPerMember: number;
  limitPeriod: LimitPeriod;
  occupations?: Occupation[];
  hardshipFamiliesOnly?: boolean;
}

const threshold = (title: string, thresholdYuan: number, reductionYuan: number, stockTotal = 2000): OfferTemplate => ({
  kind: 'coupon',
  title,
  coupon: { type: 'threshold', thresholdFen: thresholdYuan * 100, reductionFen: reductionYuan * 100 },
  usageNotes: `单笔消费满${thresholdYuan}元可用，不与店内其他优惠同享。`,
  stockTotal,
  limitPerMember: 1,
  limitPeriod: 'month',
});

const discount = (title: string, payPercent: number, stockTotal = 2000): OfferTemplate => ({
  kind: 'coupon',
  title,
  coupon: { type: 'discount', payPercent },
  usageNotes: '结账前向店员出示券码，特价商品除外。',
  stockTotal,
  limitPerMember: 2,
  limitPeriod: 'month',
});

const subsidised = (
  title: string,
  money: { priceYuan: number; faceYuan: number; subsidyYuan: number },
  extra: Partial<OfferTemplate> = {},
): OfferTemplate => ({
  kind: 'subsidised_voucher',
  title,
  faceValueFen: money.faceYuan * 100,
  priceFen: money.priceYuan * 100,
  unionSubsidyFen: money.subsidyYuan * 100,
  usageNotes: '一次性使用，不找零，不兑换现金。',
  stockTotal: 1000,
  limitPerMember: 1,
  limitPeriod: 'month',
  ...extra,
});

const memberPrice = (title: string, priceYuan: number, originalYuan: number, subsidyYuan = 0): OfferTemplate => ({
  kind: 'member_price',
  title,
  faceValueFen: originalYuan * 100,
  priceFen: priceYuan * 100,
  unionSubsidyFen: subsidyYuan * 100,
  usageNotes: '请提前电话预约，到店出示券码。',
  stockTotal: 500,
  limitPerMember: 1,
  limitPeriod: 'year',
});

/**
 * The 爱心超市 card of the issue: worth ¥100, the union bears 88% and the merchant 12%.
 * Members of hardship families get it free; everyone else may buy the union-subsidised
 * ¥100 voucher for ¥12 (union ¥88).
 */
const LOVE_CARD = subsidised(
  '爱心超市百元购物卡（困难职工）',
  { priceYuan: 0, faceYuan: 100, subsidyYuan: 88 },
  { hardshipFamiliesOnly: true, limitPeriod: 'year', stockTotal: 300, description: '工会补贴88%，商家让利12%。' },
);
const LOVE_VOUCHER = subsidised('爱心超市百元购物券', { priceYuan: 12, faceYuan: 100, subsidyYuan: 88 });

interface Shop {
  category: MerchantCategory;
  name: (road: string, district: string) => string;
  description: string;
  offers: OfferTemplate[][];
}

const SHOPS: Shop[] = [
  {
    category: 'dining',
    name: (road) => `${road}杭帮菜馆`,
    description: '家常杭帮菜，工会会员就餐优惠。',
    offers: [[threshold('堂食满100减20', 100, 20)], [discount('会员用餐8.8折', 88)]],
  },
  {
    category: 'dining',
    name: (road) => `${road}骑手食堂`,
    description: '为外卖骑手、快递小哥提供实惠热饭，营业到深夜。',
    offers: [
      [
        subsidised(
          '骑手暖心午餐券',
          { priceYuan: 5, faceYuan: 20, subsidyYuan: 12 },
          { occupations: ['rider', 'courier'], limitPerMember: 4, limitPeriod: 'week', stockTotal: 3000 },
        ),
        threshold('满30减5', 30, 5),
      ],
    ],
  },
  {
    category: 'supermarket',
    name: (road) => `${road}爱心超市`,
    description: '工会合作爱心超市，米面粮油日用品。',
    offers: [[LOVE_VOUCHER, threshold('满100减10', 100, 10)], [LOVE_CARD]],
  },
  {
    category: 'supermarket',
    name: (road) => `${road}生鲜便利店`,
    description: '新鲜蔬果、日用百货。',
    offers: [[discount('生鲜9.5折', 95)], [threshold('满50减8', 50, 8)]],
  },
  {
    category: 'pharmacy',
    name: (road) => `${road}大药房`,
    description: '医保定点药房，24小时夜间售药窗口。',
    offers: [[threshold('非处方药满80减15', 80, 15)], [discount('保健品9折', 90)]],
  },
  {
    category: 'health_check',
    name: (_road, district) => `${district}职工健康体检中心`,
    description: '职工入职体检、年度体检，可开具体检报告。',
    offers: [
      [memberPrice('职工年度体检套餐（会员价）', 299, 680, 100)],
      [memberPrice('女职工专项体检（会员价）', 399, 880)],
    ],
  },
  {
    category: 'haircut',
    name: (road) => `${road}快剪理发店`,
    description: '十分钟快剪，洗剪吹一条龙。',
    offers: [
      [subsidised('理发补贴券', { priceYuan: 10, faceYuan: 30, subsidyYuan: 15 })],
      [discount('烫染8折', 80, 800)],
    ],
  },
  {
    category: 'education',
    name: (road) => `${road}职业技能培训学校`,
    description: '电工、育婴员、中式烹调师等职业技能培训与鉴定。',
    offers: [[memberPrice('育婴员培训（会员价）', 800, 1800, 400)], [threshold('培训费满1000减200', 1000, 200, 300)]],
  },
  {
    category: 'culture_travel',
    name: (road) => `${road}影城`,
    description: '职工观影优惠，周末亲子场。',
    offers: [[subsidised('电影兑换券', { priceYuan: 9, faceYuan: 45, subsidyYuan: 20 }, { limitPerMember: 2 })]],
  },
  {
    category: 'telecom',
    name: (road) => `${road}通信营业厅`,
    description: '手机话费、宽带、新就业形态劳动者专属套餐。',
    offers: [[memberPrice('骑手流量卡首年（会员价）', 199, 468)], [discount('配件8.5折', 85)]],
  },
  {
    category: 'auto_service',
    name: (road) => `${road}电动车维修`,
    description: '电动车换胎、换电瓶、保养。',
    offers: [
      [
        threshold('维修满60减15', 60, 15),
        subsidised(
          '电动车保养券',
          { priceYuan: 10, faceYuan: 50, subsidyYuan: 30 },
          { occupations: ['rider', 'courier'] },
        ),
      ],
    ],
  },
];

/** How many merchants each district signs (the demo merchant comes on top). */
const MERCHANTS_PER_DISTRICT: Record<string, number> = {
  上城区: 7,
  拱墅区: 7,
  西湖区: 9,
  滨江区: 6,
  萧山区: 5,
  余杭区: 5,
  临平区: 4,
  钱塘区: 4,
  富阳区: 3,
  临安区: 3,
  桐庐县: 2,
  淳安县: 2,
  建德市: 2,
};

export interface SeedBenefitsOptions {
  random: Random;
  orgNamed: (name: string) => { _id: Types.ObjectId; path: Types.ObjectId[] };
  newId: (at: Date) => Types.ObjectId;
  passwordHash: string;
}

type SeedDoc = Record<string, unknown> & { _id: Types.ObjectId };

function offerDoc(template: OfferTemplate, merchant: SeedDoc, newId: () => Types.ObjectId): SeedDoc {
  return {
    _id: newId(),
    merchantId: merchant._id,
    orgId: merchant.orgId,
    orgPath: merchant.orgPath,
    category: merchant.category,
    kind: template.kind,
    title: template.title,
    description: template.description ?? '',
    usageNotes: template.usageNotes,
    coupon: template.coupon ?? null,
    faceValueFen: template.faceValueFen ?? 0,
    priceFen: template.priceFen ?? 0,
    unionSubsidyFen: template.unionSubsidyFen ?? 0,
    validFrom: VALID_FROM,
    validUntil: VALID_UNTIL,
    stockTotal: template.stockTotal,
    stockRemaining: template.stockTotal,
    limitPerMember: template.limitPerMember,
    limitPeriod: template.limitPeriod,
    audience: { occupations: template.occupations ?? [], hardshipFamiliesOnly: template.hardshipFamiliesOnly ?? false },
    status: 'active',
    redeemedCount: 0,
  };
}

/** The merchants, offers and clerk account, without revisions (stamped by the caller). */
export function buildDemoBenefits({ random, orgNamed, newId, passwordHash }: SeedBenefitsOptions) {
  const merchants: SeedDoc[] = [];
  const offers: SeedDoc[] = [];
  const idAt = () => newId(SIGNED_AT);

  const demoOrg = orgNamed(DEMO_MERCHANT.orgName);
  const demo: SeedDoc = {
    _id: idAt(),
    name: DEMO_MERCHANT.name,
    category: DEMO_MERCHANT.category,
    address: DEMO_MERCHANT.address,
    location: DEMO_MERCHANT.location,
    phone: '0571-88000265',
    description: '西溪街道总工会合作爱心超市：困难职工购物卡、会员满减，骑手可在此歇脚。',
    orgId: demoOrg._id,
    orgPath: demoOrg.path,
    status: 'active',
    logo: null,
    photos: [],
  };
  merchants.push(demo);
  for (const template of [threshold('满100减20', 100, 20, 5000), LOVE_VOUCHER, LOVE_CARD]) {
    offers.push(offerDoc(template, demo, idAt));
  }

  for (const district of DISTRICTS) {
    const kmPerDegreeLng = 111.32 * Math.cos((district.center[0] * Math.PI) / 180);
    for (let i = 0; i < (MERCHANTS_PER_DISTRICT[district.name] ?? 0); i++) {
      const shop = SHOPS[merchants.length % SHOPS.length]!;
      const road = random.pick(district.roads);
      // Uniform in a disc around the centre, a little tighter than the stations: shops cluster downtown.
      const radiusKm = district.spreadKm * 0.8 * Math.sqrt(random.next());
      const angle = random.next() * 2 * Math.PI;
      const orgName = district.streets.length > 0 && random.chance(0.5) ? random.pick(district.streets) : district.org;
      const org = orgNamed(orgName);
      const merchant: SeedDoc = {
        _id: idAt(),
        name: shop.name(road, district.name),
        category: shop.category,
        address: `杭州市${district.name}${road}${random.int(1, 999)}号`,
        location: {
          lat: Number((district.center[0] + (radiusKm * Math.sin(angle)) / 111.32).toFixed(6)),
          lng: Number((district.center[1] + (radiusKm * Math.cos(angle)) / kmPerDegreeLng).toFixed(6)),
        },
        phone: `0571-8${random.int(1000000, 9999999)}`,
        description: shop.description,
        orgId: org._id,
        orgPath: org.path,
        status: 'active',
        logo: null,
        photos: [],
      };
      merchants.push(merchant);
      // Some merchants run every offer of their kind of shop, others one set of them.
      const templates = random.chance(0.25) ? shop.offers.flat() : random.pick(shop.offers);
      for (const template of templates) offers.push(offerDoc(template, merchant, idAt));
    }
  }

  const clerk: SeedDoc = {
    _id: idAt(),
    kind: 'staff',
    username: DEMO_MERCHANT_CLERK.username,
    passwordHash,
    displayName: DEMO_MERCHANT_CLERK.displayName,
    grants: [{ role: 'merchant_staff', orgId: demo.orgId }],
    merchantId: demo._id,
    merchantBoundAt: SIGNED_AT,
  };
  return { merchants, offers, clerk };
}

/** Builds and inserts the benefits demo data; merchants and offers take a block of catalogue revisions. */
export async function seedDemoBenefits(options: SeedBenefitsOptions) {
  const { merchants, offers, clerk } = buildDemoBenefits(options);
  const first = await reserveSequence(CATALOGUE_SEQUENCE, merchants.length + offers.length);
  const stamp = (docs: SeedDoc[], offset: number) =>
    docs.map((doc, index) => ({ ...doc, revision: first + offset + index }));
  await MerchantModel.insertMany(stamp(merchants, 0));
  await OfferModel.insertMany(stamp(offers, merchants.length));
  await AccountModel.insertMany([clerk]);
  return { merchants: merchants.length, offers: offers.length };
}
