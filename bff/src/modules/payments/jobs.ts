/**
 * Background payment jobs: closing unpaid orders after their timeout and reconciling
 * orders and refunds whose state is uncertain (helper C fills this in).
 */
import type { Runtime } from '../../runtime';

export interface PaymentJobsHandle {
  stop(): Promise<void>;
}

export function startPaymentJobs(_runtime: Runtime): PaymentJobsHandle {
  return { stop: async () => {} };
}
