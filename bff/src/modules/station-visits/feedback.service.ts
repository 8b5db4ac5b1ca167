/** Ratings, comments and wishes from riders, and the station's replies. */
import type { z } from 'zod';
import { chinaDateOf, type FeedbackReplyRequestSchema, type StationFeedbackRequestSchema } from '@union/shared';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  type FieldProblem,
} from '../../http/errors';
import type { Actor } from '../auth/actor';
import { pageById } from '../../db/id-pages';
import { operableStation, publishedStation, stationPolicy, stationsInScope } from '../stations/policy';
import { StationModel, type StationDoc } from '../stations/station.model';
import { markFeedbackAnswered, markFeedbackGiven } from './feedback-figures';
import { FeedbackQuotaModel, StationFeedbackModel, type StationFeedbackDoc } from './feedback.model';

/** Feedbacks one account may leave at one station per China day: enough for real use, too few to flood a keeper. */
export const FEEDBACK_PER_STATION_PER_DAY = 5;
/** The staff list shows this many of the newest. */
const FEEDBACK_LIST_LIMIT = 100;

type FeedbackRequest = z.output<typeof StationFeedbackRequestSchema>;

function problemsOf(request: FeedbackRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.kind === 'feedback' && request.rating === null)
    problems.push({ path: 'rating', message: '请选择 1-5 星' });
  if (request.kind === 'wish' && !request.comment) problems.push({ path: 'comment', message: '请写下您的心愿' });
  return problems;
}

export async function giveFeedback(actor: Actor, stationId: string, request: FeedbackRequest) {
  const problems = problemsOf(request);
  if (problems.length > 0) throw ValidationError(problems);
  const station = await publishedStation(stationId);
  await takeDailyQuota(`${stationId}:${actor.accountId}:${chinaDateOf(new Date())}`);
  const created = await StationFeedbackModel.create({
    stationId,
    orgPath: station.orgPath,
    accountId: actor.accountId,
    memberId: actor.memberId,
    kind: request.kind,
    rating: request.rating,
    comment: request.comment,
  });
  const feedback = created.toObject() as StationFeedbackDoc;
  await markFeedbackGiven(station, feedback);
  return feedback;
}

/**
 * Takes one unit of the day's quota as a conditional take (`used` below the limit), inserting
 * the quota on first use; parallel submissions cannot slip past it. (An `$inc` that reads back
 * `used` and compares it afterwards is not enough: the embedded database hands parallel
 * callers the same value.) At the limit the upsert collides with the existing quota on `_id`
 * and is not applied. A first submission of the day can also lose the race to insert the
 * quota (on MongoDB, as E11000): the quota then has room, so it tries again.
 */
async function takeDailyQuota(key: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const taken = await updateIf(
      FeedbackQuotaModel,
      { key: { _id: key }, when: { used: { $lt: FEEDBACK_PER_STATION_PER_DAY } } },
      { $inc: { used: 1 } },
      { upsert: true },
    );
    if (taken) return;
    const quota = await FeedbackQuotaModel.findById(key, { used: 1 }).lean();
    if ((quota?.used ?? 0) >= FEEDBACK_PER_STATION_PER_DAY) {
      throw TooManyRequestsError(`每天对同一驿站最多提交 ${FEEDBACK_PER_STATION_PER_DAY} 条评价或心愿，请明天再来`);
    }
    // Only a lost insert race leaves room behind a refusal, and the quota exists now.
    if (attempt >= 3) throw new Error(`feedback quota ${key}: not taken although it has room`);
  }
}

export async function stationFeedbacks(actor: Actor, stationId: string): Promise<StationFeedbackDoc[]> {
  await operableStation(actor, stationId);
  return StationFeedbackModel.find({ stationId })
    .sort({ createdAt: -1, _id: -1 })
    .limit(FEEDBACK_LIST_LIMIT)
    .lean<StationFeedbackDoc[]>();
}

/**
 * What the open-feedback queue lists: feedback and wishes not yet handled, at the stations the
 * caller runs (by the org path each feedback keeps, not a list of the stations). The queue and
 * the workbench's count both use it, so they cannot disagree.
 */
export function openFeedbackFilter(actor: Actor) {
  return { status: 'open', orgPath: stationsInScope(actor).orgPath };
}

/** The open feedback of all the caller's stations, oldest first, with each station's name. */
export async function openFeedbackQueue(actor: Actor, query: { limit: number; cursor?: string }) {
  const page = await pageById<StationFeedbackDoc>(StationFeedbackModel, openFeedbackFilter(actor), {
    ...query,
    order: 'oldest',
  });
  const stations = await StationModel.find(
    { _id: { $in: page.items.map((item) => item.stationId) } },
    { name: 1 },
  ).lean();
  return { ...page, stationNames: new Map(stations.map((station) => [String(station._id), station.name])) };
}

/** The workbench's to-do: how many the open-feedback queue lists, and when the first was left. */
export async function openFeedbackCount(actor: Actor): Promise<{ count: number; oldestAt: Date | null }> {
  const filter = openFeedbackFilter(actor);
  const [count, first] = await Promise.all([
    StationFeedbackModel.countDocuments(filter),
    StationFeedbackModel.findOne(filter, { createdAt: 1 }).sort({ _id: 1 }).lean<StationFeedbackDoc>(),
  ]);
  return { count, oldestAt: first?.createdAt ?? null };
}

/**
 * Answers a feedback and/or marks it handled (or open again). An empty reply leaves an
 * earlier reply in place, so "mark handled" never wipes an answer. The last answer wins, but
 * the first answer's time and the time it was handled are kept for the figures; so the write is
 * a compare-and-set on the state it was computed from, recomputed if another answer landed first.
 */
export async function replyToFeedback(
  actor: Actor,
  feedbackId: string,
  request: z.output<typeof FeedbackReplyRequestSchema>,
): Promise<StationFeedbackDoc> {
  const notFound = () => NotFoundError('评价不存在');
  let current = await StationFeedbackModel.findById(feedbackId).lean<StationFeedbackDoc>();
  if (!current) throw notFound();
  const station = await StationModel.findById(current.stationId).lean<StationDoc>();
  if (!station || !stationPolicy.can(actor, 'operate', station)) throw notFound();
  for (let attempt = 1; ; attempt++) {
    const now = new Date();
    const answer = request.reply ? { reply: request.reply, repliedAt: now, repliedBy: actor.accountId } : {};
    const firstRepliedAt = current.firstRepliedAt ?? (request.reply ? now : null);
    // Handled keeps the time it was first marked so; reopening forgets it.
    const handledAt = request.handled ? (current.status === 'handled' ? (current.handledAt ?? null) : now) : null;
    const updated = await updateIfAndRead(
      StationFeedbackModel,
      {
        key: { _id: current._id },
        when: {
          status: current.status,
          firstRepliedAt: current.firstRepliedAt ?? null,
          handledAt: current.handledAt ?? null,
        },
      },
      { $set: { status: request.handled ? 'handled' : 'open', firstRepliedAt, handledAt, ...answer } },
    );
    if (updated) {
      await markFeedbackAnswered(station, current, updated);
      return updated;
    }
    const fresh = await StationFeedbackModel.findById(feedbackId).lean<StationFeedbackDoc>();
    if (!fresh) throw notFound();
    // Answers racing on one feedback are rare; many in a row mean something is wrong.
    if (attempt >= 10) throw ConflictError('该评价刚被他人处理，请刷新后再试', 'feedback_changed');
    current = fresh;
  }
}
