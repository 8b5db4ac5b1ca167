/**
 * Tuition-aid rules both sides need: who may apply (with reasons a member can act on),
 * how long someone has been a member, and the application's legal status changes.
 * Dates are China calendar dates (UTC+8), because that is the day the member and the
 * union office see, whatever the server's clock zone.
 */
import type { z } from 'zod';
import type {
  AidEligibility,
  AidStatus,
  AidTierSchema,
  EducationLevel,
  EligibilityCheck,
  HardshipCategory,
} from './contract/aid';
import { chinaDateOf } from './china-time';
import type { MemberStatus } from './membership';
import type { OrgLevel } from './organizations';
import { UNION_OFFICE_ROLES, type RoleGrant } from './roles';

type AidTier = z.infer<typeof AidTierSchema>;
type EligibilityReason = EligibilityCheck['reasons'][number];

// ---- membership length and income ------------------------------------------

function dateParts(instant: Date): [year: number, month: number, day: number] {
  const [year, month, day] = chinaDateOf(instant).split('-').map(Number);
  return [year!, month!, day!];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whole calendar months from joining to `on`, both taken as China dates. A month is
 * complete on the same day-of-month, or on the last day of a month too short to have
 * it (joined 31 Jan → one month on 28 Feb). Never negative.
 */
/** Programmes are run by a city or district federation, never by a street or grassroots union. */
export const PROGRAMME_ORG_LEVELS: readonly OrgLevel[] = ['city', 'district'];

/** Whether these grants let someone set up a programme (a union office at city or district level). */
export function maySetUpAidProgrammes(grants: readonly Pick<RoleGrant, 'role' | 'orgLevel'>[]): boolean {
  return grants.some(
    (grant) => UNION_OFFICE_ROLES.includes(grant.role) && PROGRAMME_ORG_LEVELS.includes(grant.orgLevel),
  );
}

export function membershipMonths(joinedAt: Date, on: Date): number {
  const [fromYear, fromMonth, fromDay] = dateParts(joinedAt);
  const [toYear, toMonth, toDay] = dateParts(on);
  let months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  if (toDay < Math.min(fromDay, daysInMonth(toYear, toMonth))) months -= 1;
  return Math.max(0, months);
}

/** Monthly income per household member in fen, rounded down (so a family exactly at a ceiling stays under it). */
export function perCapitaMonthlyIncomeFen(household: { members: number; annualIncomeFen: number }): number {
  return Math.floor(household.annualIncomeFen / (household.members * 12));
}

/** The grant for a child's education level, or null when the programme has no such tier. */
export function tierAmountFen(tiers: readonly AidTier[], educationLevel: EducationLevel): number | null {
  return tiers.find((tier) => tier.educationLevel === educationLevel)?.amountFen ?? null;
}

// ---- eligibility -----------------------------------------------------------

const MEMBER_STATUS_TEXT: Record<MemberStatus, string> = {
  active: '正常',
  suspended: '已暂停',
  transferred: '已转出',
};

export const EDUCATION_LEVEL_TEXT: Record<EducationLevel, string> = {
  postgraduate: '研究生',
  undergraduate: '本科',
  junior_college: '专科',
};

/**
 * What the applicant and reviewers call each review step, by the reviewing organisation's level:
 * the application's current step, the workbench's 助学待审 per step and the queue's step filter.
 */
export const AID_REVIEW_STEP_TEXT: Record<OrgLevel, string> = {
  grassroots: '基层工会初审',
  street: '街道工会审核',
  district: '区总工会复审',
  city: '市总工会终审',
};

const HARDSHIP_CATEGORY_TEXT: Record<HardshipCategory, string> = {
  registered_hardship: '建档困难职工家庭',
  low_income: '低收入家庭',
  single_parent: '单亲家庭',
  serious_illness: '大病致困家庭',
  disaster: '受灾家庭',
  migrant_worker: '农民工家庭',
  none: '无特殊困难类型',
};

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export interface AidEligibilityInput {
  programme: { applyFrom: string; applyTo: string; eligibility: AidEligibility; tiers: readonly AidTier[] };
  member: { status: MemberStatus; joinedAt: Date };
  today: Date;
  /** Absent for the pre-check; a missing field skips the checks that need it. */
  child?: { educationLevel?: EducationLevel; admissionYear?: number };
  household?: { members?: number; annualIncomeFen?: number; hardshipCategory?: HardshipCategory };
}

/** Every reason the member cannot apply (or submit), each with the numbers involved; eligible when none. */
export function checkAidEligibility(input: AidEligibilityInput): EligibilityCheck {
  const { programme, member, today, child, household } = input;
  const { eligibility } = programme;
  const reasons: EligibilityReason[] = [];

  const todayDate = chinaDateOf(today);
  if (todayDate < programme.applyFrom) {
    reasons.push({
      code: 'outside_window',
      message: `申请期为 ${programme.applyFrom} 至 ${programme.applyTo}，尚未开始`,
    });
  } else if (todayDate > programme.applyTo) {
    reasons.push({
      code: 'outside_window',
      message: `申请期为 ${programme.applyFrom} 至 ${programme.applyTo}，已于 ${programme.applyTo} 截止`,
    });
  }

  if (member.status !== 'active') {
    reasons.push({
      code: 'not_active_member',
      message: `会籍状态为“${MEMBER_STATUS_TEXT[member.status]}”，会籍正常的会员方可申请`,
    });
  }

  const months = membershipMonths(member.joinedAt, today);
  if (months < eligibility.minMembershipMonths) {
    reasons.push({
      code: 'membership_too_short',
      message: `入会满 ${eligibility.minMembershipMonths} 个月方可申请，您目前入会 ${months} 个月`,
    });
  }

  if (child?.admissionYear !== undefined && child.admissionYear !== eligibility.admissionYear) {
    reasons.push({
      code: 'admission_year',
      message: `本项目资助 ${eligibility.admissionYear} 年录取的新生，所填录取年份为 ${child.admissionYear} 年`,
    });
  }

  if (child?.educationLevel !== undefined && tierAmountFen(programme.tiers, child.educationLevel) === null) {
    const offered = programme.tiers.map((tier) => EDUCATION_LEVEL_TEXT[tier.educationLevel]).join('、');
    reasons.push({
      code: 'no_tier',
      message: `本项目不资助${EDUCATION_LEVEL_TEXT[child.educationLevel]}层次，可资助的层次为：${offered}`,
    });
  }

  const accepted = eligibility.hardshipCategories;
  if (
    household?.hardshipCategory !== undefined &&
    accepted.length > 0 &&
    !accepted.includes(household.hardshipCategory)
  ) {
    reasons.push({
      code: 'hardship_category',
      message: `本项目仅受理以下家庭：${accepted.map((category) => HARDSHIP_CATEGORY_TEXT[category]).join('、')}；所填为“${HARDSHIP_CATEGORY_TEXT[household.hardshipCategory]}”`,
    });
  }

  const ceiling = eligibility.perCapitaMonthlyIncomeCeilingFen;
  if (
    ceiling !== null &&
    household?.members !== undefined &&
    household.members >= 1 &&
    household.annualIncomeFen !== undefined
  ) {
    const perCapita = perCapitaMonthlyIncomeFen({
      members: household.members,
      annualIncomeFen: household.annualIncomeFen,
    });
    if (perCapita > ceiling) {
      reasons.push({
        code: 'income_ceiling',
        message: `家庭人均月收入 ${yuan(perCapita)} 元，超过本项目上限 ${yuan(ceiling)} 元`,
      });
    }
  }

  return { eligible: reasons.length === 0, reasons };
}

// ---- application status ----------------------------------------------------

export const AID_EVENTS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'notice_elapsed', 'disburse'] as const;
export type AidEvent = (typeof AID_EVENTS)[number];

/** `currentStep` indexes the review chain while in review, and is kept while returned so resubmission resumes there. */
export interface AidState {
  status: AidStatus;
  currentStep: number | null;
}

export type AidTransition = ({ ok: true } & AidState) | { ok: false; message: string };

function illegal(): AidTransition {
  return { ok: false, message: '当前状态不能执行此操作' };
}

/**
 * The one place that says which status changes are legal. Callers persist the result
 * with a conditional update on the status they read, so a concurrent change loses.
 */
export function nextAidState(
  state: AidState,
  event: AidEvent,
  programme: { chainLength: number; noticeDays: number },
): AidTransition {
  const { status, currentStep } = state;
  const inChain = currentStep !== null && currentStep >= 0 && currentStep < programme.chainLength;

  switch (event) {
    case 'submit':
      if (status === 'draft') return { ok: true, status: 'in_review', currentStep: 0 };
      if (status === 'returned') return { ok: true, status: 'in_review', currentStep: inChain ? currentStep : 0 };
      return illegal();
    case 'approve':
      if (status !== 'in_review' || !inChain) return illegal();
      if (currentStep + 1 < programme.chainLength)
        return { ok: true, status: 'in_review', currentStep: currentStep + 1 };
      return { ok: true, status: programme.noticeDays > 0 ? 'in_notice' : 'approved', currentStep: null };
    case 'return':
      if (status !== 'in_review' || !inChain) return illegal();
      return { ok: true, status: 'returned', currentStep };
    case 'reject':
      if (status === 'in_review' || status === 'in_notice') return { ok: true, status: 'rejected', currentStep: null };
      return illegal();
    case 'withdraw':
      if (status === 'draft' || status === 'in_review' || status === 'returned') {
        return { ok: true, status: 'withdrawn', currentStep: null };
      }
      return illegal();
    case 'notice_elapsed':
      if (status === 'in_notice') return { ok: true, status: 'approved', currentStep: null };
      return illegal();
    case 'disburse':
      if (status === 'approved') return { ok: true, status: 'disbursed', currentStep: null };
      return illegal();
  }
}
