/** Activities: 付费报名（订单、支付、退款）. */
export const activityPaymentEndpoints = {};
