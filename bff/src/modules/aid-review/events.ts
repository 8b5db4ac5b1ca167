/**
 * What happens after every staff-side status change: the timeline entry the applicant
 * sees (an organisation and role, never a person's name) and the message telling them.
 */
import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { STATUS_MESSAGES } from './messages';
import type { Runtime } from '../../runtime';
import type { AidApplicationDoc } from '../aid/aid-application.model';
import type { AidStatus } from '@union/shared';
import { appendTimeline, type TimelineAction } from '../aid/timeline';
import { notify } from '../notifications/notify';

export type AidReviewDeps = Pick<Runtime, 'wechat' | 'config' | 'logger' | 'cipher'>;

/** Automatic changes (a notice period running out) have no person behind them. */
export const SYSTEM_ACCOUNT_ID = '000000000000000000000000';
export const SYSTEM_LABEL = '系统（公示期满）';

export const reviewerLabel = (orgName: string) => `${orgName} 审核人员`;
export const officeLabel = (orgName: string) => `${orgName} 工作人员`;

/**
 * Appends the entries and tells the applicant what the change made of the application
 * (`status`: the status this change set, never the one read back afterwards, which a parallel
 * change may already have moved on: a withdrawal, a resubmission, a disbursement). With `onceKey` (the change's identity, see
 * change-record.ts) each entry is written once however often this runs, and the applicant is
 * told only by the run that wrote something: a repair after a crash completes what is missing
 * and never doubles an entry or a message.
 */
export async function recordChange(
  deps: AidReviewDeps,
  application: AidApplicationDoc,
  entries: {
    action: TimelineAction;
    actorAccountId: string | Types.ObjectId;
    actorLabel: string;
    step?: number | null;
    note?: string | null;
    at: Date;
  }[],
  status: AidStatus,
  onceKey?: string,
): Promise<void> {
  let appended = 0;
  for (const [index, entry] of entries.entries()) {
    try {
      await appendTimeline(application._id, { ...entry, ...(onceKey ? { onceKey: `${onceKey}:${index}` } : {}) });
      appended += 1;
    } catch (caught) {
      if (!onceKey || !isDuplicateKeyError(caught)) throw caught;
    }
  }
  const message = STATUS_MESSAGES[status];
  if (!message || appended === 0) return;
  const note = entries.find((entry) => entry.note)?.note;
  await notify(deps, {
    accountId: application.accountId,
    kind: 'aid_status',
    title: message.title,
    body: note ? `${message.body}：${note}` : message.body,
    link: `/pages-aid/application/index?id=${String(application._id)}`,
  });
}
