/** Activities: 付费报名（订单、支付、退款）. */
import { defineEndpoint } from '../endpoint';
import { OrderPaymentSchema } from './payments';

export const activityPaymentEndpoints = {
  payEntry: defineEndpoint({
    method: 'post',
    path: '/api/activities/entries/:id/payment',
    access: 'user',
    tag: '活动报名',
    summary:
      '为待支付（或候补递补待确认）的付费报名下单：每个报名同时只有一个待支付订单，重复调用返回同一订单；支付成功后报名确认',
    rateLimit: { name: 'activity-entry-payment', points: 60, durationSeconds: 600 },
    response: OrderPaymentSchema,
  }),
};
