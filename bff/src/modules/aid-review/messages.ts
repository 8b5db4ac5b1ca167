/** What the applicant is told when staff move their application. */
import type { AidStatus } from '@union/shared';

export const STATUS_MESSAGES: Partial<Record<AidStatus, { title: string; body: string }>> = {
  in_review: { title: '助学申请已通过本级审核', body: '已转交上一级工会审核' },
  returned: { title: '助学申请需补充材料', body: '请按审核意见补充后重新提交' },
  rejected: { title: '助学申请未获通过', body: '审核意见' },
  in_notice: { title: '助学申请进入公示', body: '审核已全部通过，公示期满后确定资助' },
  approved: { title: '助学申请已批准', body: '资助金额已确定，等待发放' },
  disbursed: { title: '助学金已发放', body: '资助金已发放，请留意银行到账' },
};

export const STATUS_LABELS: Record<AidStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回补充材料',
  rejected: '不予资助',
  withdrawn: '已撤回',
  in_notice: '公示中',
  approved: '已批准',
  disbursed: '已发放',
};
