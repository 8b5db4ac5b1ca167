/** Chinese names the BFF's own messages use for tuition-aid terms (review steps: AID_REVIEW_STEP_TEXT, shared). */
import type { DocumentKind } from '@union/shared';

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  admission_letter: '录取通知书',
  household_proof: '户口簿或家庭情况证明',
  child_id: '子女身份证',
  applicant_id: '申请人身份证',
  income_proof: '家庭收入证明',
  other: '其他材料',
};
