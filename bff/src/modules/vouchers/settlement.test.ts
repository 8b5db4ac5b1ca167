import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import type { MerchantDoc } from '../merchants/merchant.model';
import type { OfferDoc } from '../offers/offer.model';
import { recordEvent } from '../event-trail/record';
import {
  claim,
  clerkSession,
  createMerchant,
  createOffer,
  insertVoucher,
  memberSession,
  requestId,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let shopA: MerchantDoc;
let shopB: MerchantDoc;
let shopC: MerchantDoc;
let couponA: OfferDoc;
let subsidisedA: OfferDoc;
let memberPriceB: OfferDoc;
let subsidisedC: OfferDoc;
let member: MemberSession;
let cityStaff: string;
let xihuStaff: string;
let binjiangStaff: string;

const MONTH = '2025-11';
// China midnight starting 1 November, and the last second of 30 November, in UTC.
const NOV_FIRST = new Date('2025-10-31T16:00:00Z');
const NOV_LAST = new Date('2025-11-30T15:59:59Z');
const OCT_LAST = new Date('2025-10-31T15:59:59Z');
const DEC_FIRST = new Date('2025-11-30T16:00:00Z');
const MID_NOV = new Date('2025-11-15T06:30:00Z');

const subsidised = {
  kind: 'subsidised_voucher',
  coupon: null,
  faceValueFen: 10_000,
  priceFen: 5_000,
  unionSubsidyFen: 3_800,
};

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  shopA = await createMerchant(orgs.xihuTech, '西溪便民超市');
  shopB = await createMerchant(orgs.xihuCommunity, '社区爱心药房');
  shopC = await createMerchant(orgs.binjiangTech, '滨江体检中心');
  couponA = await createOffer(shopA, { limitPerMember: 20 });
  subsidisedA = await createOffer(shopA, { ...subsidised, title: '50元购100元购物券' });
  memberPriceB = await createOffer(shopB, {
    kind: 'member_price',
    coupon: null,
    title: '会员价感冒药',
    faceValueFen: 2_990,
    priceFen: 1_990,
    unionSubsidyFen: 0,
  });
  subsidisedC = await createOffer(shopC, { ...subsidised, title: '体检补贴券' });
  member = await memberSession(api, orgs.xihuTech, '张丽华');

  const used = (offer: OfferDoc, redeemedAt: Date) => insertVoucher(offer, member, { status: 'used', redeemedAt });
  await used(couponA, NOV_FIRST);
  await used(couponA, MID_NOV);
  await used(subsidisedA, NOV_FIRST);
  await used(subsidisedA, MID_NOV);
  await used(subsidisedA, NOV_LAST);
  await used(subsidisedA, OCT_LAST);
  await used(subsidisedA, DEC_FIRST);
  await insertVoucher(subsidisedA, member);
  await insertVoucher(subsidisedA, member, { status: 'refunded' });
  await used(memberPriceB, MID_NOV);
  await used(memberPriceB, MID_NOV);
  await used(subsidisedC, MID_NOV);
  const unionPaidCard = await createOffer(shopC, {
    ...subsidised,
    title: '爱心超市卡',
    priceFen: 0,
    unionSubsidyFen: 5_000,
  });
  await used(unionPaidCard, new Date('2025-09-10T02:00:00Z'));

  await createStaff('settle_city', [{ role: 'union_admin', org: orgs.city }]);
  await createStaff('settle_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('settle_binjiang', [{ role: 'union_staff', org: orgs.binjiang }]);
  cityStaff = await loginStaff(api, 'settle_city');
  xihuStaff = await loginStaff(api, 'settle_xihu');
  binjiangStaff = await loginStaff(api, 'settle_binjiang');
});
afterAll(() => api.stop());

const settlement = (token: string, query = `month=${MONTH}`) =>
  api.request('GET', `/api/admin/settlements?${query}`, { token });

const ROW_A = {
  merchantId: '',
  merchantName: '西溪便民超市',
  category: 'supermarket',
  redeemedCount: 5,
  paidRedeemedCount: 3,
  faceValueFen: 30_000,
  memberPaidFen: 15_000,
  unionSubsidyFen: 11_400,
  owedToMerchantFen: 26_400,
};
const ROW_B = {
  merchantName: '社区爱心药房',
  redeemedCount: 2,
  paidRedeemedCount: 2,
  faceValueFen: 5_980,
  memberPaidFen: 3_980,
  unionSubsidyFen: 0,
  owedToMerchantFen: 3_980,
};
const ROW_C = {
  merchantName: '滨江体检中心',
  redeemedCount: 1,
  paidRedeemedCount: 1,
  faceValueFen: 10_000,
  memberPaidFen: 5_000,
  unionSubsidyFen: 3_800,
  owedToMerchantFen: 8_800,
};

describe('monthly settlement', () => {
  it('sums each merchant’s redemptions of the China month; free coupons count but carry no money', async () => {
    const response = await settlement(cityStaff);
    expect(response.status).toBe(200);
    expect(response.body.month).toBe(MONTH);
    expect(response.body.rows).toEqual([
      { ...ROW_A, merchantId: String(shopA._id) },
      expect.objectContaining({ ...ROW_C, merchantId: String(shopC._id) }),
      expect.objectContaining({ ...ROW_B, merchantId: String(shopB._id) }),
    ]);
    expect(response.body.totals).toEqual({
      redeemedCount: 8,
      paidRedeemedCount: 6,
      faceValueFen: 45_980,
      memberPaidFen: 23_980,
      unionSubsidyFen: 15_200,
      owedToMerchantFen: 39_180,
    });
  });

  it('excludes redemptions of the neighbouring months at China midnight', async () => {
    const october = await settlement(cityStaff, 'month=2025-10');
    expect(october.body.rows).toEqual([expect.objectContaining({ merchantName: '西溪便民超市', redeemedCount: 1 })]);
    const december = await settlement(cityStaff, 'month=2025-12');
    expect(december.body.totals.owedToMerchantFen).toBe(8_800);
    expect((await settlement(cityStaff, 'month=2024-11')).body).toMatchObject({
      rows: [],
      totals: { redeemedCount: 0 },
    });
  });

  it('owes the merchant the whole subsidy of a card the union paid for entirely', async () => {
    const september = await settlement(cityStaff, 'month=2025-09');
    expect(september.body.rows).toEqual([
      expect.objectContaining({
        merchantName: '滨江体检中心',
        redeemedCount: 1,
        paidRedeemedCount: 1,
        faceValueFen: 10_000,
        memberPaidFen: 0,
        unionSubsidyFen: 5_000,
        owedToMerchantFen: 5_000,
      }),
    ]);
  });

  it('covers only merchants within the staff member’s subtree', async () => {
    const xihu = await settlement(xihuStaff);
    expect(xihu.body.rows.map((row: any) => row.merchantName)).toEqual(['西溪便民超市', '社区爱心药房']);
    expect(xihu.body.totals.owedToMerchantFen).toBe(26_400 + 3_980);
    const binjiang = await settlement(binjiangStaff);
    expect(binjiang.body.rows.map((row: any) => row.merchantName)).toEqual(['滨江体检中心']);
  });

  it('narrows to an organisation in scope and answers 404 for one outside it', async () => {
    const tech = await settlement(cityStaff, `month=${MONTH}&orgId=${orgs.xihuTech.id}`);
    expect(tech.body.rows.map((row: any) => row.merchantName)).toEqual(['西溪便民超市']);
    expect((await settlement(xihuStaff, `month=${MONTH}&orgId=${orgs.binjiang.id}`)).status).toBe(404);
    expect((await settlement(xihuStaff, `month=${MONTH}&orgId=${orgs.city.id}`)).status).toBe(404);
  });

  it('refuses a malformed month and anyone but union office staff', async () => {
    const bad = await settlement(cityStaff, 'month=2025-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'month', message: '月份格式应为 YYYY-MM' }]);
    expect((await settlement(member.token)).status).toBe(403);
    const clerk = await clerkSession(api, shopA, 'settle_clerk');
    expect((await settlement(clerk)).status).toBe(403);
  });
});

describe('the settlement sheet', () => {
  it('reads back as 汇总 with a total row and 明细 with every redeemed voucher, amounts in yuan', async () => {
    const response = await fetch(`${api.url}/api/admin/settlements/export?month=${MONTH}`, {
      headers: { Authorization: `Bearer ${cityStaff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent(`普惠商家结算-${MONTH}.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);

    const summary = workbook.getWorksheet('汇总')!;
    const values = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    expect(values(summary)).toEqual([
      [
        '商家',
        '类别',
        '核销张数',
        '其中付费/补贴券',
        '面值合计（元）',
        '会员实付（元）',
        '工会补贴（元）',
        '应付商户（元）',
      ],
      ['西溪便民超市', '超市', 5, 3, 300, 150, 114, 264],
      ['滨江体检中心', '超市', 1, 1, 100, 50, 38, 88],
      ['社区爱心药房', '超市', 2, 2, 59.8, 39.8, 0, 39.8],
      ['合计', undefined, 8, 6, 459.8, 239.8, 152, 391.8],
    ]);
    expect(summary.getCell('H2').numFmt).toBe('#,##0.00');

    const detail = workbook.getWorksheet('明细')!;
    const rows = values(detail);
    expect(rows[0]).toEqual(['商家', '优惠', '券码', '核销时间', '面值（元）', '会员实付（元）', '工会补贴（元）']);
    expect(rows).toHaveLength(1 + 8);
    const first = rows.find((row) => row[3] === '2025-11-01 00:00' && row[1] === '50元购100元购物券')!;
    expect(first).toEqual([
      '西溪便民超市',
      '50元购100元购物券',
      expect.stringMatching(/^\d{12}$/),
      '2025-11-01 00:00',
      100,
      50,
      38,
    ]);
    const coupon = rows.find((row) => row[1] === '满100减20')!;
    expect(coupon.slice(4)).toEqual([0, 0, 0]);
    expect(rows.some((row) => row[3] === '2025-11-30 23:59')).toBe(true);
  });
});

describe('the benefit audit trail', () => {
  it('shows a voucher’s claim and redemption, oldest first, with masked labels, to staff in scope only', async () => {
    const clerk = await clerkSession(api, shopA, 'events_clerk', '周小燕');
    const claimed = await claim(api, member.token, couponA._id);
    const redeemed = await api.request('POST', '/api/merchant/redemptions', {
      token: clerk,
      body: { code: claimed.body.code, requestId: requestId() },
    });
    expect(redeemed.status).toBe(200);

    const events = await api.request('GET', `/api/admin/benefit-events?voucherId=${claimed.body.id}`, {
      token: xihuStaff,
    });
    expect(events.status).toBe(200);
    expect(events.body.items.map((event: any) => [event.kind, event.actor])).toEqual([
      ['voucher.claimed', { kind: 'member', label: '会员 张*华' }],
      ['voucher.redeemed', { kind: 'merchant_staff', label: '商户店员 周*燕' }],
    ]);
    expect(events.body.items[1].summary).toBe(`核销「满100减20」（券码尾号 ${claimed.body.code.slice(-4)}）`);
    expect(JSON.stringify(events.body)).not.toContain('张丽华');

    const byOffer = await api.request('GET', `/api/admin/benefit-events?offerId=${couponA._id}`, { token: cityStaff });
    expect(byOffer.body.items.map((event: any) => event.kind)).toEqual(['voucher.claimed', 'voucher.redeemed']);

    const outside = await api.request('GET', `/api/admin/benefit-events?voucherId=${claimed.body.id}`, {
      token: binjiangStaff,
    });
    expect(outside.status).toBe(404);
  });

  it('brings the order’s payment events along with a bought voucher', async () => {
    const orderId = new Types.ObjectId();
    const voucher = await insertVoucher(subsidisedA, member, { orderId });
    const pay = { kind: 'wechat_pay' as const, accountId: null, label: '微信支付' };
    await recordEvent({
      kind: 'order.created',
      actor: pay,
      at: new Date(Date.now() - 2000),
      orderId,
      summary: '下单',
    });
    await recordEvent({
      kind: 'order.paid',
      actor: pay,
      at: new Date(Date.now() - 1000),
      orderId,
      summary: '支付成功',
    });
    await recordEvent({ kind: 'voucher.claimed', actor: pay, voucherId: voucher._id, orderId, summary: '发券' });
    const events = await api.request('GET', `/api/admin/benefit-events?voucherId=${voucher._id}`, { token: cityStaff });
    expect(events.body.items.map((event: any) => event.kind)).toEqual([
      'order.created',
      'order.paid',
      'voucher.claimed',
    ]);
  });

  it('asks which voucher, order or offer', async () => {
    const response = await api.request('GET', '/api/admin/benefit-events', { token: cityStaff });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'voucherId', message: '请指定券、订单或优惠' }]);
  });
});
