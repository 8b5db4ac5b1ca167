/**
 * 普惠 (member benefits) walkthroughs: a member near the demo merchant claims its free
 * 满100减20 coupon and sees the voucher's QR and code; a member buys the union-subsidised
 * ¥12-for-¥100 voucher through the simulated payment, and the merchant's clerk redeems it
 * at one counter while a second counter's confirm of the same voucher is refused.
 * Like scenarios.ts, each opens its own phones and depends on no other scenario. Each
 * takes one voucher of a different demo offer (limit: one per member per month), and the
 * e2e run starts from a fresh demo database, so neither ever meets its limit on arrival.
 */
import { formatVoucherCode, isWellFormedVoucherCode, normalizeVoucherCode } from '@union/shared';
import type { Locator, Page } from 'playwright-core';
import { DEMO_MERCHANT, DEMO_MERCHANT_CLERK } from '../../bff/src/seed/benefits-data';
import { DEMO_STATION } from '../../bff/src/seed/demo-stations';
import { ROUTES } from '../../miniapp/src/routes';
import {
  assert,
  byTestId,
  decodeQrOnScreen,
  expectAttribute,
  expectRoute,
  expectText,
  inputOf,
  metresOf,
  openTab,
  signInAsDemoWechatUser,
  signInAsStaff,
  standAt,
  tapBack,
  textareaOf,
  type Phone,
  type ScenarioContext,
} from './harness';
import type { Scenario } from './scenarios';

const LI_NA = { openid: 'demo-member-li', maskedName: '李*' };
/** The demo merchant's two offers 李娜 may take (the third is for hardship families only). */
const COUPON = { headline: '满100减20' };
const LOVE_VOUCHER = {
  headline: '12元购100元券',
  title: '爱心超市百元购物券',
  price: '¥12 购 ¥100 券',
  paid: '¥12.00',
  faceValue: '¥100.00',
};

/** `剩余 4999 张 / 共 5000 张` → 4999. */
function stockOf(text: string): number {
  const match = /剩余 (\d+) 张/.exec(text);
  assert(match, `the stock should say how many are left: ${text}`);
  return Number(match[1]);
}

/**
 * Is a Taro <Button> disabled? In H5 it is a <taro-button-core> that writes disabled="false"
 * when enabled (see app.css), so neither the attribute nor Playwright's isDisabled() tells: its property does.
 */
async function isButtonDisabled(button: Locator): Promise<boolean> {
  return button.evaluate((element) => (element as HTMLElement & { disabled?: unknown }).disabled === true);
}

/** 李娜, location on, standing at the demo station (the demo merchant is about 90 m away), on the 普惠 tab. */
async function memberOnBenefitsTab(ctx: ScenarioContext, label: string): Promise<Phone> {
  const member = await ctx.openPhone(label);
  await standAt(ctx, member, DEMO_STATION.location);
  await signInAsDemoWechatUser(member, LI_NA.openid);
  await openTab(member.page, '普惠', ROUTES.benefits);
  return member;
}

/** The demo merchant's offer with this headline in the nearby list; checks the merchant's distance. */
async function demoMerchantOffer(page: Page, headline: string): Promise<Locator> {
  const offer = byTestId(page, 'offer-item')
    .filter({ has: page.locator('[data-testid="offer-merchant"]', { hasText: DEMO_MERCHANT.name }) })
    .filter({ has: page.locator('[data-testid="offer-headline"]', { hasText: new RegExp(`^${headline}$`) }) });
  await expectText(offer, headline, { what: `${DEMO_MERCHANT.name}'s ${headline} in the nearby list` });
  const distance = await expectText(byTestId(offer.first(), 'offer-distance'), /米|公里/);
  assert(metresOf(distance) < 200, `standing at the demo station, the merchant should be under 200米: ${distance}`);
  return offer.first();
}

/** Opens the offer from the list and checks the offer page names the merchant. */
async function openOffer(page: Page, offer: Locator, headline: string): Promise<void> {
  await offer.click();
  await expectRoute(page, ROUTES.benefitOffer);
  await expectText(byTestId(page, 'offer-headline'), headline, { what: 'offer page headline' });
  await expectText(byTestId(page, 'offer-merchant-name'), DEMO_MERCHANT.name);
  const distance = await expectText(byTestId(page, 'offer-distance'), /距您/);
  assert(metresOf(distance) < 200, `the offer page should show the merchant nearby: ${distance}`);
}

/**
 * The open voucher page's QR read the way the clerk's scanner would, with its 12-digit code.
 * The QR rotates every minute: a QR about to change is waited out, and one that changed
 * while being photographed is read again.
 */
async function readVoucherOnScreen(member: Phone): Promise<{ code: string; token: string }> {
  const { page } = member;
  await expectText(byTestId(page, 'voucher-status'), '未使用', { what: 'voucher status' });
  const image = byTestId(page, 'voucher-qr-image').locator('img');
  await expectAttribute(image, 'src', /^data:image\/(gif|png);base64,./);
  const countdown = byTestId(page, 'voucher-qr-countdown');
  await expectText(countdown, /二维码 \d+ 秒后自动更换/, { what: 'QR countdown' });
  const shown = await expectText(byTestId(page, 'voucher-code'), /^\d{4} \d{4} \d{4}$/, {
    what: 'the 12-digit code under the QR',
  });
  const code = normalizeVoucherCode(shown);
  assert(isWellFormedVoucherCode(code), `the code on screen should pass its check digit: ${shown}`);

  for (let attempt = 1; ; attempt++) {
    const secondsLeft = Number(/(\d+) 秒/.exec(await countdown.innerText())?.[1] ?? 0);
    if (secondsLeft < 8) {
      await expectText(countdown, (text) => Number(/(\d+) 秒/.exec(text)?.[1] ?? 0) > 30, {
        timeout: 12_000,
        what: 'the next QR',
      });
    }
    await page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
      await image.elementHandle(),
      { timeout: 5000 },
    );
    const before = await image.getAttribute('src');
    const token = await decodeQrOnScreen(image);
    if ((await image.getAttribute('src')) === before) {
      assert(/^UV1\./.test(token), `the voucher QR should hold a signed voucher token (UV1.…), holds: ${token}`);
      return { code, token };
    }
    assert(attempt < 3, 'the voucher QR kept changing while it was being read');
  }
}

/** The merchant's clerk on a phone of their own: 核销优惠券 first on the home workbench, the demo merchant's counter. */
async function clerkAtCounter(ctx: ScenarioContext, label: string): Promise<Phone> {
  const clerk = await ctx.openPhone(label);
  const { page } = clerk;
  await signInAsStaff(clerk, DEMO_MERCHANT_CLERK.username);
  const firstEntry = byTestId(page, 'home-workbench').locator('[data-testid]').first();
  await expectAttribute(firstEntry, 'data-testid', 'home-staff-merchant-redeem-entry');
  await ctx.checkpoint(clerk, 'clerk-home-workbench');
  await firstEntry.click();
  await expectRoute(page, ROUTES.merchantRedeem);
  await expectText(byTestId(page, 'merchant-workbench-name'), DEMO_MERCHANT.name);
  await byTestId(page, 'redeem-lookup').waitFor();
  return clerk;
}

/** 今日核销 N 张 on the workbench header. */
async function redeemedToday(clerk: Phone): Promise<number> {
  return Number(await expectText(byTestId(clerk.page, 'merchant-workbench-count'), /^\d+$/));
}

/** The preview says the voucher may be redeemed and shows what the clerk hands over, and to whom. */
async function expectRedeemablePreview(clerk: Phone, code: string): Promise<void> {
  const { page } = clerk;
  const preview = byTestId(page, 'redeem-preview');
  await expectAttribute(preview, 'data-result', 'redeemable');
  await expectText(byTestId(page, 'redeem-preview-title'), '可以核销');
  const details = await expectText(byTestId(page, 'redeem-preview-voucher'), LOVE_VOUCHER.title, {
    what: 'the voucher in the preview',
  });
  // Label and value sit on one row; compare without the layout's spaces and line breaks.
  const shown = details.replace(/\s/g, '');
  for (const expected of [
    LOVE_VOUCHER.headline,
    `面值${LOVE_VOUCHER.faceValue}`,
    `会员已付${LOVE_VOUCHER.paid}`,
    `会员${LI_NA.maskedName}`,
    `券码${code}`,
  ]) {
    assert(shown.includes(expected), `the preview should show ${expected}: ${JSON.stringify(details)}`);
  }
  await expectText(byTestId(page, 'redeem-confirm'), '确认核销');
}

const memberClaimsCoupon: Scenario = {
  name: '普惠: a member near the demo merchant claims its 满100减20 coupon and sees the voucher',
  slug: 'benefit-claim-coupon',
  async run(ctx) {
    const member = await memberOnBenefitsTab(ctx, 'member 李娜');
    const { page } = member;
    assert((await byTestId(page, 'location-notice').count()) === 0, 'with location on, no fallback notice');
    const listed = await demoMerchantOffer(page, COUPON.headline);
    await expectText(byTestId(listed, 'offer-kind'), '优惠券');
    await ctx.checkpoint(member, 'benefit-list');

    await openOffer(page, listed, COUPON.headline);
    await expectText(byTestId(page, 'offer-limit'), '每人每月限 1 张，您已领 0 张');
    const stockBefore = stockOf(await expectText(byTestId(page, 'offer-stock'), /剩余 \d+ 张/));
    const action = byTestId(page, 'offer-action');
    await expectText(action, '立即领取');
    assert(!(await isButtonDisabled(action)), '李娜 may claim: 立即领取 should be enabled');
    await ctx.checkpoint(member, 'benefit-coupon-offer');

    // 立即领取: the voucher opens with its QR and the code for the counter.
    await action.click();
    await expectRoute(page, ROUTES.voucher);
    await expectText(byTestId(page, 'voucher-page'), COUPON.headline, { what: 'the claimed voucher' });
    await readVoucherOnScreen(member);
    await ctx.checkpoint(member, 'benefit-coupon-voucher');

    // Back on the offer: counted against the monthly limit, so no second one.
    await tapBack(page);
    await expectRoute(page, ROUTES.benefitOffer);
    await expectText(byTestId(page, 'offer-limit'), '您已领 1 张', { what: 'the limit after claiming' });
    await expectText(byTestId(page, 'offer-ineligible'), '每月限领 1 张，您已领满');
    const stockAfter = stockOf(await expectText(byTestId(page, 'offer-stock'), /剩余 \d+ 张/));
    assert(stockAfter === stockBefore - 1, `claiming should take one from the stock: ${stockBefore} → ${stockAfter}`);
    assert(await isButtonDisabled(byTestId(page, 'offer-action')), 'with the limit reached, 立即领取 is disabled');
    await ctx.checkpoint(member, 'benefit-coupon-limit');

    // 我的券 lists it as 未使用.
    await tapBack(page);
    await expectRoute(page, ROUTES.benefits);
    await byTestId(page, 'my-vouchers-entry').click();
    await expectRoute(page, ROUTES.myVouchers);
    const item = byTestId(page, 'voucher-item')
      .filter({ hasText: DEMO_MERCHANT.name })
      .filter({ hasText: COUPON.headline });
    await expectText(byTestId(item, 'voucher-item-status'), '未使用', { what: 'the coupon in 我的券' });
    await ctx.checkpoint(member, 'benefit-my-vouchers');
  },
};

const memberBuysVoucherClerkRedeems: Scenario = {
  name: '普惠: a member buys the ¥12 voucher with the simulated payment and the merchant redeems it once',
  slug: 'benefit-buy-redeem',
  async run(ctx) {
    const member = await memberOnBenefitsTab(ctx, 'member 李娜');
    const { page } = member;
    const listed = await demoMerchantOffer(page, LOVE_VOUCHER.headline);
    await expectText(byTestId(listed, 'offer-price'), LOVE_VOUCHER.price);
    await openOffer(page, listed, LOVE_VOUCHER.headline);
    await expectText(byTestId(page, 'offer-price'), LOVE_VOUCHER.price);

    // 立即购买 → the order, waiting for payment, with the clearly marked simulated payment.
    await expectText(byTestId(page, 'offer-action'), '立即购买 ¥12');
    await byTestId(page, 'offer-action').click();
    await expectRoute(page, ROUTES.benefitOrder);
    await expectText(byTestId(page, 'order-status'), '待支付');
    await expectText(byTestId(page, 'order-amount'), LOVE_VOUCHER.paid);
    const simulated = await expectText(byTestId(page, 'simulated-payment'), '模拟支付', {
      what: 'the simulated payment panel',
    });
    assert(simulated.includes('不产生真实扣款'), `the panel must say no real money moves: ${simulated}`);
    await ctx.checkpoint(member, 'benefit-order');

    // 模拟支付成功: the notification path marks the order paid and the voucher opens.
    await byTestId(page, 'simulate-pay').click();
    await expectRoute(page, ROUTES.voucher);
    const voucherPage = await expectText(byTestId(page, 'voucher-page'), LOVE_VOUCHER.title, {
      what: 'the bought voucher',
    });
    for (const expected of [`面值${LOVE_VOUCHER.faceValue}`, `实付${LOVE_VOUCHER.paid}`]) {
      assert(voucherPage.replace(/\s/g, '').includes(expected), `the voucher should show ${expected}: ${voucherPage}`);
    }
    const { code, token } = await readVoucherOnScreen(member);
    await ctx.checkpoint(member, 'benefit-bought-voucher');
    // Set on this very document: still there later means the page was never reloaded.
    await page.evaluate(() => Object.assign(window, { __e2eVoucherPageKept: true }));

    // Two counters of the demo merchant: one types the code, the other pastes the scanned QR.
    const counter1 = await clerkAtCounter(ctx, 'clerk, counter 1');
    const counter2 = await clerkAtCounter(ctx, 'clerk, counter 2');
    const countBefore = await redeemedToday(counter1);

    await inputOf(counter1.page, 'redeem-code-input').fill(code);
    await expectText(byTestId(counter1.page, 'redeem-code-grouped'), formatVoucherCode(code));
    await byTestId(counter1.page, 'redeem-code-submit').click();
    await expectRedeemablePreview(counter1, code);
    await ctx.checkpoint(counter1, 'benefit-preview-code');

    await textareaOf(counter2.page, 'redeem-token-input').fill(token);
    await byTestId(counter2.page, 'redeem-token-submit').click();
    await expectRedeemablePreview(counter2, code);
    await ctx.checkpoint(counter2, 'benefit-preview-qr');

    // Counter 1 confirms first.
    await byTestId(counter1.page, 'redeem-confirm').click();
    const success = await expectText(byTestId(counter1.page, 'redeem-success'), '核销成功');
    assert(success.includes(LI_NA.maskedName), `核销成功 should name the member masked: ${success}`);
    // The clerk sees who redeemed it by work name, as colleagues at the counter know each other.
    const clerkName = DEMO_MERCHANT_CLERK.displayName;
    assert(success.includes(clerkName), `核销成功 should name the clerk: ${success}`);
    await expectText(byTestId(counter1.page, 'merchant-workbench-count'), String(countBefore + 1), {
      what: '今日核销 after redeeming',
    });
    await ctx.checkpoint(counter1, 'benefit-redeemed');

    // The member's open voucher turns 已使用 by itself.
    await expectText(byTestId(page, 'voucher-status'), '已使用', { what: "the member's voucher after redemption" });
    await expectText(byTestId(page, 'voucher-state-title'), '已使用');
    await expectText(byTestId(page, 'voucher-state-detail'), /^核销时间 /);
    assert((await byTestId(page, 'voucher-qr').count()) === 0, 'a used voucher shows no QR');
    assert(
      await page.evaluate(() => (window as { __e2eVoucherPageKept?: boolean }).__e2eVoucherPageKept === true),
      'the voucher page should update without being reloaded',
    );
    await ctx.checkpoint(member, 'benefit-voucher-used');

    // Counter 2's confirm of the same voucher comes second: refused, with the reason.
    await byTestId(counter2.page, 'redeem-confirm').click();
    await byTestId(counter2.page, 'redeem-refused').waitFor();
    await expectText(byTestId(counter2.page, 'redeem-refused-message'), /核销，不能重复使用$/, {
      what: "counter 2's refusal",
    });
    assert((await byTestId(counter2.page, 'redeem-success').count()) === 0, 'counter 2 must not show 核销成功');
    await ctx.checkpoint(counter2, 'benefit-redeem-refused');

    // Typed in again at counter 1: the preview says it is used, and there is nothing to confirm.
    await byTestId(counter1.page, 'redeem-next').click();
    await inputOf(counter1.page, 'redeem-code-input').fill(code);
    await byTestId(counter1.page, 'redeem-code-submit').click();
    await expectAttribute(byTestId(counter1.page, 'redeem-preview'), 'data-result', 'used');
    await expectText(byTestId(counter1.page, 'redeem-preview-title'), '券已使用');
    await expectText(byTestId(counter1.page, 'redeem-preview-message'), '不能重复使用');
    assert((await byTestId(counter1.page, 'redeem-confirm').count()) === 0, 'a used voucher offers no 确认核销');
    await expectText(byTestId(counter1.page, 'merchant-workbench-count'), String(countBefore + 1), {
      what: '今日核销 after the refused attempts',
    });
    await ctx.checkpoint(counter1, 'benefit-preview-used');
  },
};

export const BENEFIT_SCENARIOS: Scenario[] = [memberClaimsCoupon, memberBuysVoucherClerkRedeems];
