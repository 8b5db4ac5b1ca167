/**
 * Payment orders and refunds by state, counted when Prometheus scrapes. An operator watches
 * orders stuck in 退款中 (`refunding`) and refunds WeChat Pay marked abnormal (they need a person).
 * One count per state on the indexed status fields, so a scrape costs a few index reads
 * however many orders there are.
 */
import { ORDER_STATUSES } from '@union/shared';
import { Gauge, type Registry } from 'prom-client';
import { OrderModel } from './order.model';

const REFUND_STATUSES = ['requested', 'processing', 'succeeded', 'closed', 'abnormal'] as const;

export function registerPaymentMetrics(registry: Registry): void {
  new Gauge({
    name: 'payment_orders',
    help: 'Payment orders by status.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countsOrNull(ORDER_STATUSES, (status) => OrderModel.countDocuments({ status }).exec());
      this.reset();
      counts?.forEach((count, i) => this.set({ status: ORDER_STATUSES[i] }, count));
    },
  });
  new Gauge({
    name: 'payment_refunds',
    help: 'Refunds by status (the latest refund of each order).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countsOrNull(REFUND_STATUSES, (status) =>
        OrderModel.countDocuments({ 'refund.status': status }).exec(),
      );
      this.reset();
      counts?.forEach((count, i) => this.set({ status: REFUND_STATUSES[i] }, count));
    },
  });
}

/**
 * A database that does not answer leaves the gauge empty for this scrape (an absent series,
 * not a stale number), and the rest of the scrape (process, requests, jobs) still goes out.
 */
async function countsOrNull<S>(states: readonly S[], count: (state: S) => Promise<number>): Promise<number[] | null> {
  try {
    return await Promise.all(states.map(count));
  } catch {
    return null;
  }
}
