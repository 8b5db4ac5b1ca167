/**
 * A request id for an action the BFF does once per id (claim, buy, refund). Made once
 * per tap and kept until the server answers, so a retry after a dropped connection
 * cannot claim or pay twice. No crypto.randomUUID in every weapp base library;
 * uniqueness per member is all the BFF needs.
 */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
