/**
 * What an edit may no longer change once members have been promised something: the fee a member
 * paid or holds a place at, a question already answered, a group's allocation once sign-up
 * opened, the sign-up close moved into the past, a group with entries, places already taken,
 * the lottery's weights once committed and its sign-up close once drawn.
 * Each refusal names its field and says why in Chinese; together they are one 409, and nothing
 * is changed. The schedule and venue may change, but every live entrant is then told
 * (change-notice.ts).
 */
import type { Types } from 'mongoose';
import {
  deadlineText,
  ENTRY_STATUS_TABLE,
  ENTRY_STATUSES,
  occupiesPlace,
  type ActivityQuestion,
  type EntryStatus,
} from '@union/shared';
import { HttpError, type FieldProblem } from '../../http/errors';
import type { ActivityDoc } from './activity.model';
import { AttendanceModel } from './attendance.model';
import { EntryModel } from './entry.model';
import { LotteryModel } from './lottery.model';
import { TeamMemberModel } from './team.model';

/** Entries that are not over (a place held, waiting, under review or in the draw). */
export const LIVE_ENTRY_STATUSES = ENTRY_STATUSES.filter((status) => !ENTRY_STATUS_TABLE[status].final);
/** Entries holding (or having held) a place: their member was promised the fee of the time. */
const PLACE_HOLDING: EntryStatus[] = ENTRY_STATUSES.filter(occupiesPlace);

/** The settings an edit would store, as far as the rules read them. */
export interface NextSettings {
  groups: { id: string; name: string; capacity: number; allocation: string }[];
  questions: ActivityQuestion[];
  fee: { priceFen: number; subsidyFen: number };
  signUpClosesAt: Date;
  lotteryWeights?: {
    newEmploymentForm: number;
    firstTime: number;
    repeatedNoShow: number;
    repeatedNoShowAfter: number;
  };
  sessions: { date: string; start: string; end: string; startsAt: Date }[];
  venue: {
    kind: string;
    name: string;
    address?: string | null;
    location?: { lat?: number | null; lng?: number | null } | null;
  };
}

/** A group's place counter, as `group-places` keeps it. */
interface PlaceCounter {
  capacity: number;
  free: number;
}

export async function editRefusals(
  activity: ActivityDoc,
  next: NextSettings,
  places: Map<string, PlaceCounter>,
  now: Date,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const entries = (filter: Record<string, unknown>) => EntryModel.exists({ activityId: activity._id, ...filter });
  // Sign-up opened for members only once the activity was published: a draft promised nothing.
  const signUpOpened = activity.status !== 'draft' && now.getTime() >= activity.signUpOpensAt.getTime();

  for (const old of activity.groups) {
    const index = next.groups.findIndex((group) => group.id === old.id);
    const kept = next.groups[index];
    const hasLive = () => entries({ groupId: old.id, status: { $in: LIVE_ENTRY_STATUSES } });
    if (!kept) {
      if (await hasLive()) problems.push({ path: 'groups', message: `组别“${old.name}”已有报名，不能删除` });
      continue;
    }
    const counter = places.get(old.id);
    const occupied = counter ? counter.capacity - counter.free : 0;
    if (kept.capacity < occupied) {
      problems.push({ path: `groups.${index}.capacity`, message: `名额不能少于已占用的${occupied}个` });
    }
    if (kept.allocation !== old.allocation && (signUpOpened || (await hasLive()))) {
      problems.push({ path: `groups.${index}.allocation`, message: `组别“${old.name}”已开始报名，不能更改分配方式` });
    }
  }

  const fee = { priceFen: activity.fee?.priceFen ?? 0, subsidyFen: activity.fee?.subsidyFen ?? 0 };
  const feeChanged = fee.priceFen !== next.fee.priceFen || fee.subsidyFen !== next.fee.subsidyFen;
  if (
    feeChanged &&
    ((await entries({ status: { $in: PLACE_HOLDING } })) || (await entries({ paidOrderId: { $ne: null } })))
  ) {
    const reason = '已有会员占用名额或已付费';
    if (fee.priceFen !== next.fee.priceFen)
      problems.push({ path: 'fee.priceFen', message: `${reason}，不能修改报名费` });
    if (fee.subsidyFen !== next.fee.subsidyFen) {
      problems.push({ path: 'fee.subsidyFen', message: `${reason}，不能修改工会补贴` });
    }
  }

  for (const old of (activity.questions ?? []) as ActivityQuestion[]) {
    const index = next.questions.findIndex((question) => question.id === old.id);
    const kept = next.questions[index];
    if (kept && kept.type === old.type) continue;
    if (!(await answered(activity._id, old.id))) continue;
    problems.push(
      kept
        ? { path: `questions.${index}.type`, message: `问题“${old.title}”已有人作答，不能更改题型` }
        : { path: 'questions', message: `问题“${old.title}”已有人作答，不能删除` },
    );
  }

  problems.push(...(await heldSessionRefusals(activity, next, now)));

  const closeMoved = next.signUpClosesAt.getTime() !== activity.signUpClosesAt.getTime();
  if (activity.status !== 'draft' && closeMoved && next.signUpClosesAt.getTime() < now.getTime()) {
    problems.push({ path: 'signUpClosesAt', message: '报名截止时间不能提前到当前时间之前' });
  }
  problems.push(...(await lotteryRefusals(activity, next, closeMoved)));
  return problems;
}

const WEIGHT_FIELDS = ['newEmploymentForm', 'firstTime', 'repeatedNoShow', 'repeatedNoShowAfter'] as const;

/**
 * The lottery's commitment (lottery.service.ts) promises members a draw by the rules published
 * with it: once committed, its weights stay; once drawn, the sign-up close it was drawn at stays.
 */
async function lotteryRefusals(activity: ActivityDoc, next: NextSettings, closeMoved: boolean) {
  const problems: FieldProblem[] = [];
  const lottery = await LotteryModel.findOne({ activityId: activity._id }, { drawnAt: 1 }).lean<{
    drawnAt: Date | null;
  }>();
  if (!lottery) return problems;
  const before = activity.lotteryWeights as Partial<Record<(typeof WEIGHT_FIELDS)[number], number>> | undefined;
  for (const field of WEIGHT_FIELDS) {
    if (next.lotteryWeights && before && next.lotteryWeights[field] !== before[field]) {
      problems.push({ path: `lotteryWeights.${field}`, message: '抽签已公布承诺，不能修改抽签权重' });
    }
  }
  if (lottery.drawnAt && closeMoved) {
    problems.push({ path: 'signUpClosesAt', message: '已开奖，不能修改报名截止时间' });
  }
  return problems;
}

/**
 * Attendance is kept by session index: a session that has started or has a check-in must stay
 * what it was at the same index (not changed, removed, or moved by the sort of a new earlier
 * session). Later sessions may still be added.
 */
async function heldSessionRefusals(activity: ActivityDoc, next: NextSettings, now: Date): Promise<FieldProblem[]> {
  const attended = new Set(
    (
      await AttendanceModel.find({ activityId: activity._id }, { sessionIndex: 1 }).lean<{ sessionIndex: number }[]>()
    ).map((record) => record.sessionIndex),
  );
  const problems: FieldProblem[] = [];
  activity.sessions.forEach((old, index) => {
    const held = attended.has(index) || (old.startsAt as Date).getTime() <= now.getTime();
    const kept = next.sessions[index];
    const same =
      kept &&
      kept.date === old.date &&
      kept.start === old.start &&
      kept.end === old.end &&
      kept.startsAt.getTime() === (old.startsAt as Date).getTime();
    if (held && !same) problems.push({ path: `sessions.${index}`, message: '已开始或已有签到的场次不能修改' });
  });
  return problems;
}

/** Whether any entry (or a team's joiner) that is not cancelled gave an answer to this question. */
async function answered(activityId: Types.ObjectId, questionId: string): Promise<boolean> {
  const answer = { [`answers.${questionId}`]: { $exists: true, $ne: '' } };
  return Boolean(
    (await EntryModel.exists({ activityId, status: { $ne: 'cancelled' }, ...answer })) ||
    (await TeamMemberModel.exists({ activityId, left: false, ...answer })),
  );
}

/** The one answer to an edit that breaks a promise: 409, every reason at its field. */
export function editRefused(problems: FieldProblem[]): HttpError {
  return new HttpError(409, 'activity_edit_refused', problems.map((problem) => problem.message).join('；'), problems);
}

const sameVenue = (a: NextSettings['venue'], b: NextSettings['venue']) =>
  a.kind === b.kind &&
  a.name === b.name &&
  (a.address ?? '') === (b.address ?? '') &&
  (a.location?.lat ?? null) === (b.location?.lat ?? null) &&
  (a.location?.lng ?? null) === (b.location?.lng ?? null);

const sessionsKey = (sessions: readonly { date?: string | null; start?: string | null; end?: string | null }[]) =>
  sessions.map((session) => `${session.date} ${session.start}-${session.end}`).join(',');

/**
 * What an entrant must hear of an edit, in their words (`时间改为 12月11日 09:00–11:30；地点改为…`);
 * null when neither the sessions nor the venue changed.
 */
export function scheduleChangeText(
  before: Pick<ActivityDoc, 'sessions' | 'venue'>,
  after: NextSettings,
): string | null {
  const parts: string[] = [];
  if (sessionsKey(before.sessions) !== sessionsKey(after.sessions)) {
    const first = after.sessions[0]!;
    const when = `${deadlineText(first.startsAt)}–${first.end}`;
    parts.push(after.sessions.length > 1 ? `时间改为首场 ${when}，共${after.sessions.length}场` : `时间改为 ${when}`);
  }
  if (!sameVenue(before.venue as NextSettings['venue'], after.venue)) {
    const { venue } = after;
    parts.push(
      venue.kind === 'online'
        ? `改为线上：${venue.name}`
        : `地点改为${venue.name}${venue.address ? `（${venue.address}）` : ''}`,
    );
  }
  return parts.length > 0 ? `活动安排有变：${parts.join('；')}` : null;
}
