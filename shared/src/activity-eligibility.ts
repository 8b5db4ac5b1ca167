/**
 * Who may sign up for an activity and when, shared by the BFF (which enforces it) and the
 * mini-program (which explains it before the member taps 报名): the sign-up window, the
 * cancellation deadline, when a session takes check-ins, and the audience rules. Every
 * instant is compared as an instant and every date is a China date (UTC+8), whatever zone
 * the server or the phone runs in.
 */
import { chinaDateOf } from './china-time';
import { birthDateFromIdNumber, genderFromIdNumber } from './identity';
import { OCCUPATION_LABELS, type MemberStatus, type Occupation } from './membership';
import { ENTRY_STATUS_TABLE, canTransition, type EntryStatus } from './activity-rules';

const MINUTE_MS = 60_000;

// ---- windows -------------------------------------------------------------------

export type SignUpWindowState = 'not_open' | 'open' | 'closed';

export const SIGN_UP_WINDOW_LABELS: Record<SignUpWindowState, string> = {
  not_open: '未开始报名',
  open: '报名中',
  closed: '报名已截止',
};

/** Open from `signUpOpensAt` (inclusive) until `signUpClosesAt` (exclusive): 18:00 means 17:59:59 is the last second. */
export function signUpWindowState(
  activity: { signUpOpensAt: Date; signUpClosesAt: Date },
  now: Date,
): SignUpWindowState {
  if (now.getTime() < activity.signUpOpensAt.getTime()) return 'not_open';
  if (now.getTime() < activity.signUpClosesAt.getTime()) return 'open';
  return 'closed';
}

/**
 * Why the member cannot cancel this entry now, or null when they can. Only a place the member
 * holds for sure (已报名) is bound by the cancellation deadline, which exists so organisers can
 * plan with the numbers. An entry that holds no place yet (待审核, 待抽签, 候补) and a place
 * not yet taken up (待确认, 待支付) may always be given up: that costs nobody anything, and
 * frees the place for the next in line sooner.
 */
export function cancelProblem(
  activity: { cancelDeadline: Date },
  entry: { status: EntryStatus },
  now: Date,
): string | null {
  if (!canTransition(entry.status, 'cancel')) {
    return `当前状态为“${ENTRY_STATUS_TABLE[entry.status].label}”，不能取消`;
  }
  if (entry.status === 'confirmed' && now.getTime() >= activity.cancelDeadline.getTime()) {
    return '已过取消截止时间，如有特殊情况请联系组织者';
  }
  return null;
}

export const mayCancel = (activity: { cancelDeadline: Date }, entry: { status: EntryStatus }, now: Date): boolean =>
  cancelProblem(activity, entry, now) === null;

/** A session takes check-ins from this long before it starts (people arrive early), until it ends. */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * MINUTE_MS;

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

/** From 30 minutes before the start (inclusive) until the end (exclusive). */
export function sessionOpenForCheckIn(session: SessionTimes, now: Date): boolean {
  const at = now.getTime();
  return at >= session.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS && at < session.endsAt.getTime();
}

/** The session staff check people into now: the earliest one open for check-in, or null. */
export function currentCheckInSession<T extends SessionTimes>(sessions: readonly T[], now: Date): T | null {
  const open = sessions.filter((session) => sessionOpenForCheckIn(session, now));
  open.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return open[0] ?? null;
}

// ---- audience ------------------------------------------------------------------

export type Gender = 'male' | 'female';
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export interface ActivityAudience {
  /** Members of this organisation's subtree (the organiser's own, or a sub-org they chose). */
  orgId: string;
  orgName: string;
  /** Empty admits every occupation. */
  occupations: readonly Occupation[];
  hardshipFamiliesOnly: boolean;
  gender: Gender | null;
  /** Whole years of age on the activity's first session date; null for no bound. */
  minAge: number | null;
  maxAge: number | null;
}

export interface AudienceMember {
  status: MemberStatus;
  /** A WeChat account bound to the roster by name and ID number (实名绑定). */
  realNameBound: boolean;
  /** The member's organisation and its ancestors. */
  orgPath: readonly string[];
  occupation: Occupation;
  /** A hardship family (困难职工家庭) as the BFF decides it, the same way as for offers. */
  hardshipFamily: boolean;
  idNumber: string;
}

/**
 * Whole years between a birth date and a date (both `YYYY-MM-DD`). Someone born on 29 February
 * turns a year older on 1 March in a common year.
 */
export function ageOn(birthDate: string, date: string): number {
  const age = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

/**
 * Why this member may not sign up, in words they can act on, or null when they may. Age is
 * taken on the first session's China date, because that is the day the rule is meant for (a
 * health screening for women aged 35 to 60 admits one who turns 35 the day before).
 */
export function audienceProblem(
  audience: ActivityAudience,
  member: AudienceMember,
  firstSessionStartsAt: Date,
): string | null {
  if (member.status !== 'active') return '会籍状态正常的会员方可报名';
  if (!member.realNameBound) return '请先完成实名绑定后再报名';
  if (!member.orgPath.includes(audience.orgId)) return `本活动仅限${audience.orgName}所属会员报名`;
  if (audience.occupations.length > 0 && !audience.occupations.includes(member.occupation)) {
    return `本活动仅限${audience.occupations.map((occupation) => OCCUPATION_LABELS[occupation]).join('、')}报名`;
  }
  if (audience.hardshipFamiliesOnly && !member.hardshipFamily) return '本活动仅限困难职工家庭报名';
  if (audience.gender && genderFromIdNumber(member.idNumber) !== audience.gender) {
    return `本活动仅限${GENDER_LABELS[audience.gender]}性会员报名`;
  }
  if (audience.minAge !== null || audience.maxAge !== null) {
    const birthDate = birthDateFromIdNumber(member.idNumber);
    if (!birthDate) return '无法从身份证号确认年龄，请联系工会核实';
    const age = ageOn(birthDate, chinaDateOf(firstSessionStartsAt));
    const tooYoung = audience.minAge !== null && age < audience.minAge;
    const tooOld = audience.maxAge !== null && age > audience.maxAge;
    if (tooYoung || tooOld)
      return `本活动面向${ageRangeText(audience.minAge, audience.maxAge)}的会员，您活动当天${age}周岁`;
  }
  return null;
}

/** `35至60周岁`, `18周岁及以上`, `60周岁及以下`: both bounds inclusive. */
export function ageRangeText(minAge: number | null, maxAge: number | null): string {
  if (minAge !== null && maxAge !== null) return `${minAge}至${maxAge}周岁`;
  if (minAge !== null) return `${minAge}周岁及以上`;
  if (maxAge !== null) return `${maxAge}周岁及以下`;
  return '不限年龄';
}
