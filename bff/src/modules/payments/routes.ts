import type { ParameterizedContext } from 'koa';
import { contract, type EndpointResponse } from '@union/shared';
import { isProduction } from '../../config';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { HttpError, NotFoundError } from '../../http/errors';
import { mounter } from '../../http/mount';
import { readNotificationBody } from './notification-body';
import { handlePaymentNotification, handleRefundNotification, type NotificationInput } from './notifications.service';
import { cancelOrder, confirmOrder, simulatePayment, viewOrder } from './orders.service';
import { ownOrder } from './policy';
import { presentOrder } from './presenter';

const endpoints = contract.payments;
type Ack = EndpointResponse<typeof endpoints.paymentNotification>;

/**
 * Orders of any product, and WeChat Pay's notifications. Placing an order and asking for a
 * refund are the product's own routes (they name what is bought), through `placeOrder` and
 * `requestRefund`.
 */
export function paymentRoutes(app: AppContext) {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.order, async ({ actor, params }) =>
    presentOrder(await viewOrder(app, await ownOrder(actor, params.id), new Date())),
  );
  mount(endpoints.confirmOrder, async ({ actor, params }) =>
    presentOrder(await confirmOrder(app, actor, params.id, new Date())),
  );
  mount(endpoints.cancelOrder, async ({ actor, params }) =>
    presentOrder(await cancelOrder(app, actor, params.id, new Date())),
  );

  // Not user routes: WeChat Pay calls them, and they trust only its signature.
  mount(endpoints.paymentNotification, ({ ctx }) =>
    acknowledge(ctx, (wechatPay, input) => handlePaymentNotification(app, wechatPay, input)),
  );
  mount(endpoints.refundNotification, ({ ctx }) =>
    acknowledge(ctx, (wechatPay, input) => handleRefundNotification(wechatPay, input)),
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
    mount(endpoints.simulatePayment, async ({ actor, params }) => {
      if (!app.wechatPay?.simulated || !app.wechatPayEmulator) throw NotFoundError('接口不存在');
      await simulatePayment(app.wechatPayEmulator, actor, params.id);
      return { ok: true as const };
    });
  }
  return router;
}
