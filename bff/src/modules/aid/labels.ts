/** Chinese names the BFF's own messages use for tuition-aid terms. */
import type { DocumentKind, OrgLevel } from '@union/shared';

/** What the applicant and reviewers call each review step, by the reviewing organisation's level. */
export const REVIEW_STEP_LABELS: Record<OrgLevel, string> = {
  grassroots: '基层工会初审',
  street: '街道工会审核',
  district: '区总工会复审',
  city: '市总工会终审',
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  admission_letter: '录取通知书',
  household_proof: '户口簿或家庭情况证明',
  child_id: '子女身份证',
  applicant_id: '申请人身份证',
  income_proof: '家庭收入证明',
  other: '其他材料',
};
