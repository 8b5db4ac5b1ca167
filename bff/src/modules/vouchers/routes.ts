/**
 * Vouchers: claiming or buying, 我的券 and its QR, refunds; the clerk's counter (binding, workbench, redemption);
 * the union's settlement and the audit trail.
 */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { createVoucherSigner } from '../../crypto/voucher-signer';
import { sendDownload } from '../../http/download';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { publicBaseUrl } from '../../http/public-base-url';
import { benefitEvents } from './audit-trail.service';
import { claimAndPresent } from './claim.service';
import { myVoucher, myVouchers, voucherQr } from './my-vouchers.service';
import { boundClerk, requireMerchantBinding } from './policy';
import { presentBenefitEvent } from './presenter';
import { buyVoucher, refundAndPresent } from './purchase.service';
import { previewRedemption, redeemAtCounter, todayRedemptionList } from './redemption.service';
import { pendingSettlementExports, recordSettlementExport } from './settlement-exports.service';
import { buildSettlementSheet } from './settlement-sheet';
import { monthlySettlement } from './settlement.service';
import { bindAndOpenWorkbench, clerkWorkbench } from './workbench.service';

const endpoints = contract.vouchers;

export function voucherRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { cipher } = app;
  // Same key as the union card, another signed prefix (UV1): one published key serves both.
  const signer = createVoucherSigner(app.config.CARD_SIGNING_KEY, app.config.CARD_SIGNING_KEY_ID);
  const bound = [requireMerchantBinding()];

  mount(endpoints.claim, ({ actor, params, body }) => claimAndPresent(actor, params.id, body.requestId, new Date()));
  mount(endpoints.myVouchers, ({ actor, query }) => myVouchers(actor, query, new Date()));
  mount(endpoints.voucher, ({ actor, params }) => myVoucher(actor, params.id, new Date()));
  mount(endpoints.voucherQr, ({ actor, params }) => voucherQr(actor, params.id, signer, new Date()));
  mount(endpoints.createOrder, ({ actor, params, body, ctx }) =>
    // WeChat Pay calls back at PUBLIC_BASE_URL (required in production whenever payments are on).
    buyVoucher(app, actor, params.id, body.requestId, publicBaseUrl(app.config, ctx), new Date()),
  );
  mount(endpoints.requestRefund, ({ actor, params, body }) =>
    refundAndPresent(app, actor, params.id, body, new Date()),
  );

  mount(endpoints.bindMerchant, ({ actor, body }) =>
    bindAndOpenWorkbench(actor, cipher, body.invitationCode, new Date()),
  );
  mount(endpoints.workbench, ({ actor }) => clerkWorkbench(actor, new Date()));
  mount(endpoints.previewRedemption, bound, ({ actor, body }) =>
    previewRedemption(boundClerk(actor), body, signer, new Date()),
  );
  mount(endpoints.redeem, bound, ({ actor, body }) => redeemAtCounter(boundClerk(actor), body, signer, new Date()));
  mount(endpoints.todayRedemptions, bound, ({ actor }) => todayRedemptionList(boundClerk(actor), new Date()));

  mount(endpoints.settlement, ({ actor, query }) => monthlySettlement(actor, query));
  mount(endpoints.settlementSheet, async ({ actor, query, ctx }) => {
    const sheet = await buildSettlementSheet(actor, query);
    await recordSettlementExport(actor, query, new Date());
    return sendDownload(ctx, sheet);
  });
  mount(endpoints.pendingSettlementExports, async ({ actor }) => ({
    items: await pendingSettlementExports(actor, new Date()),
  }));
  mount(endpoints.benefitEvents, async ({ actor, query }) => ({
    items: (await benefitEvents(actor, query)).map(presentBenefitEvent),
  }));
  return router;
}
