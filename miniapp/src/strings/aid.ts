/** Labels for the tuition-aid (金秋助学) contract enums, shared by the member and staff pages. */
import type { AidStatus, DocumentKind, EducationLevel, HardshipCategory, OrgLevel } from '@union/shared';

export const AID_STATUS_LABELS: Record<AidStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回补充',
  rejected: '未获资助',
  withdrawn: '已撤回',
  in_notice: '公示中',
  approved: '已批准',
  disbursed: '已发放',
};

export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, string> = {
  postgraduate: '研究生',
  undergraduate: '本科',
  junior_college: '专科/高职',
};

export const HARDSHIP_LABELS: Record<HardshipCategory, string> = {
  registered_hardship: '建档困难职工',
  low_income: '低保/低收入家庭',
  single_parent: '单亲家庭',
  serious_illness: '大病致困',
  disaster: '因灾致困',
  migrant_worker: '农民工',
  none: '无以上情况',
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  admission_letter: '录取通知书',
  household_proof: '家庭困难证明',
  child_id: '子女身份证',
  applicant_id: '申请人身份证',
  income_proof: '收入证明',
  other: '其他材料',
};

export const PAYMENT_METHOD_LABELS: Record<'bank_card' | 'union_card', string> = {
  bank_card: '银行卡',
  union_card: '工会会员卡（借记卡）',
};

export const ORG_LEVEL_REVIEW_LABELS: Record<OrgLevel, string> = {
  city: '市总工会',
  district: '区/县总工会',
  street: '街道（乡镇）总工会',
  grassroots: '基层工会',
};

export const TIMELINE_ACTION_LABELS = {
  created: '创建申请',
  submitted: '提交申请',
  approved_step: '审核通过',
  returned: '退回补充材料',
  rejected: '不予资助',
  withdrawn: '撤回申请',
  resubmitted: '补充后重新提交',
  notice_started: '进入公示',
  approved: '批准资助',
  disbursed: '资助金已发放',
} as const;

export const AID_FORM_STEPS = ['子女信息', '家庭情况', '收款账户', '证明材料', '确认提交'] as const;

export const AID_DECLARATION =
  '本人承诺所填信息及所交材料真实、完整，如有虚假愿退回全部资助金并承担相应责任；同意工会为审核需要核查上述信息。';

/** Statuses the member can still withdraw from (before any decision). */
export const WITHDRAWABLE: readonly AidStatus[] = ['draft', 'in_review', 'returned'];
/** Statuses in which the member edits the form (first filling, or adding what reviewers asked for). */
export const EDITABLE: readonly AidStatus[] = ['draft', 'returned'];

/** Review chains offered when setting up a programme: the applicant's own union first, the organiser last. */
export const REVIEW_CHAIN_PRESETS: readonly (readonly OrgLevel[])[] = [
  ['street', 'district'],
  ['grassroots', 'district'],
  ['grassroots', 'street', 'district'],
  ['grassroots', 'district', 'city'],
  ['street', 'district', 'city'],
  ['district', 'city'],
  ['district'],
];

/** Short level names for a chain read as one line: `街道 → 区/县总 → 市总`. */
export const ORG_LEVEL_SHORT_LABELS: Record<OrgLevel, string> = {
  city: '市总',
  district: '区/县总',
  street: '街道',
  grassroots: '基层',
};

export function reviewChainText(chain: readonly OrgLevel[]): string {
  return chain.map((level) => ORG_LEVEL_SHORT_LABELS[level]).join(' → ');
}

/** `第 2 级 · 区/县总工会审核`: one step of a programme's review chain (step is 0-based). */
export function reviewStepLabel(step: number, level: OrgLevel): string {
  return `第 ${step + 1} 级 · ${ORG_LEVEL_REVIEW_LABELS[level]}审核`;
}
