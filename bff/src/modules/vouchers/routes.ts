/** Vouchers: claiming, 我的券 and its QR, redemption at the counter, settlement and the audit trail. */
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { contract, MERCHANT_CLERK_ROLES, UNION_OFFICE_ROLES } from '@union/shared';
import type { AppContext } from '../../app-context';
import { createVoucherSigner } from '../../crypto/voucher-signer';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { attachmentDisposition } from '../aid-review/transfer-list.service';
import { requireRole } from '../auth/authenticate';
import { benefitEvents } from './audit-trail.service';
import { claimOffer } from './claim.service';
import { myVouchers, ownVoucher, voucherQr } from './my-vouchers.service';
import { requireMerchantBinding } from './policy';
import { presentBenefitEvent, presentRedemptions, presentVoucher, presentVouchers } from './presenter';
import { previewRedemption, redeemVoucher, todayRedemptions, type ClerkActor } from './redemption.service';
import { monthlySettlement } from './settlement.service';
import { buildSettlementSheet, XLSX_CONTENT_TYPE } from './settlement-sheet';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.benefits;

export function voucherRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;
  // Same key as the union card, another signed prefix (UV1): one published key serves both.
  const signer = createVoucherSigner(app.config.CARD_SIGNING_KEY, app.config.CARD_SIGNING_KEY_ID);
  const clerk = [requireRole(MERCHANT_CLERK_ROLES), requireMerchantBinding()];
  const office = requireRole(UNION_OFFICE_ROLES);
  // Typed codes are 12 digits: limit how fast one account may try them, so codes cannot be guessed.
  const typedCodeLimit = app.rateLimit({ name: 'voucher-typed-code', points: 30, durationSeconds: 600 });
  const limitTypedCodes: Middleware = (ctx, next) =>
    (ctx.request.body as { code?: unknown } | undefined)?.code ? typedCodeLimit(ctx, next) : next();

  router.post(
    endpoints.claim.path,
    authenticate,
    app.rateLimit({ name: 'voucher-claim', points: 60, durationSeconds: 60 }),
    validate(endpoints.claim),
    handle(
      endpoints.claim,
      async ({ actor, params, body }) => {
        const now = new Date();
        return presentVoucher(await claimOffer(actor, params.id!, body.requestId, now), now);
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.myVouchers.path,
    authenticate,
    validate(endpoints.myVouchers),
    handle(
      endpoints.myVouchers,
      async ({ actor, query }) => {
        const now = new Date();
        const page = await myVouchers(actor, query, now);
        return { items: await presentVouchers(page.items, now), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.voucher.path,
    authenticate,
    validate(endpoints.voucher),
    handle(
      endpoints.voucher,
      async ({ actor, params }) => presentVoucher(await ownVoucher(actor, params.id!), new Date()),
      handleOptions,
    ),
  );

  router.post(
    endpoints.voucherQr.path,
    authenticate,
    app.rateLimit({ name: 'voucher-qr', points: 30, durationSeconds: 60 }),
    validate(endpoints.voucherQr),
    handle(endpoints.voucherQr, ({ actor, params }) => voucherQr(actor, params.id!, signer, new Date()), handleOptions),
  );

  router.post(
    endpoints.previewRedemption.path,
    authenticate,
    ...clerk,
    validate(endpoints.previewRedemption),
    limitTypedCodes,
    handle(
      endpoints.previewRedemption,
      ({ actor, body }) => previewRedemption(actor as ClerkActor, body, signer, new Date()),
      handleOptions,
    ),
  );

  router.post(
    endpoints.redeem.path,
    authenticate,
    ...clerk,
    validate(endpoints.redeem),
    limitTypedCodes,
    handle(
      endpoints.redeem,
      async ({ actor, body }) => {
        const voucher = await redeemVoucher(actor as ClerkActor, body, signer, new Date());
        return (await presentRedemptions([voucher]))[0]!;
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.todayRedemptions.path,
    authenticate,
    ...clerk,
    handle(
      endpoints.todayRedemptions,
      async ({ actor }) => {
        const today = await todayRedemptions(actor as ClerkActor, new Date());
        return { date: today.date, items: await presentRedemptions(today.vouchers), totals: today.totals };
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.settlement.path,
    authenticate,
    office,
    validate(endpoints.settlement),
    handle(endpoints.settlement, ({ actor, query }) => monthlySettlement(actor, query), handleOptions),
  );

  router.get(
    endpoints.settlementSheet.path,
    authenticate,
    office,
    app.rateLimit({ name: 'settlement-sheet', points: 30, durationSeconds: 600 }),
    validate(endpoints.settlementSheet),
    handle(
      endpoints.settlementSheet,
      async ({ actor, query, ctx }) => {
        const sheet = await buildSettlementSheet(actor, query);
        ctx.type = XLSX_CONTENT_TYPE;
        ctx.set('Content-Disposition', attachmentDisposition(sheet.fileName, sheet.asciiName));
        ctx.set('Cache-Control', 'no-store');
        return sheet.bytes;
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.benefitEvents.path,
    authenticate,
    office,
    validate(endpoints.benefitEvents),
    handle(
      endpoints.benefitEvents,
      async ({ actor, query }) => ({ items: (await benefitEvents(actor, query)).map(presentBenefitEvent) }),
      handleOptions,
    ),
  );

  return router;
}
