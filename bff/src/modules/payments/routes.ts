import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { contract, type EndpointResponse } from '@union/shared';
import { isProduction } from '../../config';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { HttpError, NotFoundError } from '../../http/errors';
import { validate } from '../../http/validate';
import { presentVoucher } from '../vouchers/presenter';
import { readNotificationBody } from './notification-body';
import { handlePaymentNotification, handleRefundNotification, type NotificationInput } from './notifications.service';
import { cancelOrder, confirmOrder, createOrder, simulatePayment, viewOrder } from './orders.service';
import { ownOrder } from './policy';
import { presentOrder, presentOrderPayment } from './presenter';
import { requestRefund } from './refunds.service';
import { publicBaseUrl } from '../../http/public-base-url';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.benefits;
type Ack = EndpointResponse<typeof endpoints.paymentNotification>;

/** Buying paid vouchers, refunds, and WeChat Pay's notifications. */
export function paymentRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;

  router.post(
    endpoints.createOrder.path,
    authenticate,
    app.rateLimit({ name: 'benefit-order', points: 60, durationSeconds: 600 }),
    validate(endpoints.createOrder),
    handle(
      endpoints.createOrder,
      async ({ actor, params, body, ctx }) => {
        const order = await createOrder(
          app,
          actor,
          {
            offerId: params.id!,
            requestId: body.requestId,
            // Where WeChat Pay calls back: PUBLIC_BASE_URL (required in production whenever payments are on).
            notifyBaseUrl: publicBaseUrl(app.config, ctx),
          },
          new Date(),
        );
        return presentOrderPayment(order, app.wechatPay);
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.order.path,
    authenticate,
    validate(endpoints.order),
    handle(
      endpoints.order,
      async ({ actor, params }) => presentOrder(await viewOrder(app, await ownOrder(actor, params.id!), new Date())),
      handleOptions,
    ),
  );

  router.post(
    endpoints.confirmOrder.path,
    authenticate,
    app.rateLimit({ name: 'benefit-order-confirm', points: 120, durationSeconds: 600 }),
    validate(endpoints.confirmOrder),
    handle(
      endpoints.confirmOrder,
      async ({ actor, params }) => presentOrder(await confirmOrder(app, actor, params.id!, new Date())),
      handleOptions,
    ),
  );

  router.post(
    endpoints.cancelOrder.path,
    authenticate,
    validate(endpoints.cancelOrder),
    handle(
      endpoints.cancelOrder,
      async ({ actor, params }) => presentOrder(await cancelOrder(app, actor, params.id!, new Date())),
      handleOptions,
    ),
  );

  router.post(
    endpoints.requestRefund.path,
    authenticate,
    app.rateLimit({ name: 'benefit-refund', points: 30, durationSeconds: 600 }),
    validate(endpoints.requestRefund),
    handle(
      endpoints.requestRefund,
      async ({ actor, params, body }) => {
        const now = new Date();
        return presentVoucher(await requestRefund(app, actor, params.id!, body, now), now);
      },
      handleOptions,
    ),
  );

  // Not user routes: WeChat Pay calls them, and they trust only its signature.
  router.post(
    endpoints.paymentNotification.path,
    validate(endpoints.paymentNotification),
    handle(
      endpoints.paymentNotification,
      async ({ ctx }) => acknowledge(ctx, async (wechatPay, input) => handlePaymentNotification(app, wechatPay, input)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.refundNotification.path,
    validate(endpoints.refundNotification),
    handle(
      endpoints.refundNotification,
      async ({ ctx }) => acknowledge(ctx, async (wechatPay, input) => handleRefundNotification(wechatPay, input)),
      handleOptions,
    ),
  );

  /** Answers in WeChat Pay's terms: 200 SUCCESS when handled (or a duplicate), 4xx FAIL so it retries. */
  async function acknowledge(
    ctx: ParameterizedContext,
    handler: (wechatPay: NonNullable<AppContext['wechatPay']>, input: NotificationInput) => Promise<void>,
  ): Promise<Ack> {
    const wechatPay = app.wechatPay;
    if (!wechatPay) throw NotFoundError('支付未开通');
    try {
      const rawBody = await readNotificationBody(ctx, endpoints.paymentNotification.rawBody!);
      await handler(wechatPay, { headers: ctx.headers, rawBody, now: new Date() });
      return { code: 'SUCCESS', message: '成功' };
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      ctx.state.log?.warn({ code: error.code, path: ctx.path }, 'WeChat Pay notification refused');
      ctx.status = error.status;
      return { code: 'FAIL', message: error.message };
    }
  }

  // Development only: the route does not exist in production, and answers 404 unless payments are simulated.
  if (!isProduction(app.config)) {
    router.post(
      endpoints.simulatePayment.path,
      authenticate,
      validate(endpoints.simulatePayment),
      handle(
        endpoints.simulatePayment,
        async ({ actor, params }) => {
          if (!app.wechatPay?.simulated || !app.wechatPayEmulator) throw NotFoundError('接口不存在');
          await simulatePayment(app.wechatPayEmulator, actor, params.id!);
          return { ok: true as const };
        },
        handleOptions,
      ),
    );
  }
  return router;
}
