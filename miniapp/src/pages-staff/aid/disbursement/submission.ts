/**
 * One disbursement submission keeps one requestId: a retry after the network dropped
 * sends the same id, so the BFF records the batch once even if the first attempt did
 * arrive. Anything else about the submission changing makes it a new one.
 */
import type { DisbursementRequest } from '../../../services/aid';

export type DisbursementContent = Omit<DisbursementRequest, 'requestId'>;

function newRequestId(): string {
  // No crypto.randomUUID in every weapp base library; uniqueness per staff member is enough.
  return `disb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export class PendingSubmission {
  private pending: { key: string; requestId: string } | null = null;

  /** The request to send: the earlier id when the same content is being retried. */
  request(content: DisbursementContent): DisbursementRequest {
    const key = JSON.stringify({ ...content, applicationIds: [...content.applicationIds].sort() });
    if (this.pending?.key !== key) this.pending = { key, requestId: newRequestId() };
    return { ...content, requestId: this.pending.requestId };
  }

  /** The server answered (recorded or refused): the next submission is a new one. */
  settle(): void {
    this.pending = null;
  }
}
