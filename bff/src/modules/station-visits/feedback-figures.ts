/**
 * The station feedback metrics the cadres' figures count (registered in connect-modules.ts):
 * ratings, comments and wishes (微心愿) by the org of their station, and how the stations
 * answered them. Mean rating = `stations.feedbackRating` / `stations.feedbackRated`; mean
 * reply time = `stations.replyMinutes` / `stations.feedbackReplies`.
 */
import type { Types } from 'mongoose';
import { markFigureChanged } from '../figures/counters';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import type { StationDoc } from '../stations/station.model';
import { StationFeedbackModel, type StationFeedbackDoc } from './feedback.model';
import { stationsFor } from './figures';

type Range = { from: Date; to: Date; orgId?: Types.ObjectId };
type Feedback = Pick<
  StationFeedbackDoc,
  'stationId' | 'kind' | 'rating' | 'createdAt' | 'firstRepliedAt' | 'handledAt'
>;
type Instant = 'createdAt' | 'firstRepliedAt' | 'handledAt';

/** The feedbacks whose `instant` falls in the range, each with its station's org. */
async function* feedbacksBy(
  instant: Instant,
  { from, to, orgId }: Range,
  extra: Record<string, unknown> = {},
): AsyncIterable<{ feedback: Feedback; org: Pick<FigureRecord, 'orgId' | 'orgPath'> }> {
  const { byId, filter } = await stationsFor(orgId);
  const fields = { stationId: 1, kind: 1, rating: 1, createdAt: 1, firstRepliedAt: 1, handledAt: 1 };
  const query = { ...filter, ...extra, [instant]: { $gte: from, $lt: to } };
  for await (const feedback of StationFeedbackModel.find(query, fields).lean<Feedback>().cursor()) {
    const org = byId.get(String(feedback.stationId));
    if (org) yield { feedback, org: { orgId: org.orgId, orgPath: org.orgPath } };
  }
}

/** 评价与心愿数: every feedback and wish, on the day submitted; key = kind ('feedback' 评价, 'wish' 微心愿). */
export const stationFeedback: FigureMetric = {
  name: 'stations.feedback',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('createdAt', range)) {
      yield { ...org, at: feedback.createdAt, amount: 1, key: feedback.kind };
    }
  },
};

/** 有评分的评价数: those with a rating (every 评价; a wish may have none), on the day submitted; key = stars '1' … '5'. */
export const stationFeedbackRated: FigureMetric = {
  name: 'stations.feedbackRated',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('createdAt', range, { rating: { $ne: null } })) {
      yield { ...org, at: feedback.createdAt, amount: 1, key: String(feedback.rating) };
    }
  },
};

/** The stars of `stations.feedbackRated`, summed. */
export const stationFeedbackRating: FigureMetric = {
  name: 'stations.feedbackRating',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('createdAt', range, { rating: { $ne: null } })) {
      yield { ...org, at: feedback.createdAt, amount: feedback.rating! };
    }
  },
};

/** 已回复数: feedbacks and wishes the station answered, on the day of the first answer; key = kind. */
export const stationFeedbackReplies: FigureMetric = {
  name: 'stations.feedbackReplies',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('firstRepliedAt', range)) {
      yield { ...org, at: feedback.firstRepliedAt!, amount: 1, key: feedback.kind };
    }
  },
};

/** Minutes from submission to the first answer, summed over `stations.feedbackReplies`' records; key = kind. */
export const stationReplyMinutes: FigureMetric = {
  name: 'stations.replyMinutes',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('firstRepliedAt', range)) {
      const minutes = Math.round((feedback.firstRepliedAt!.getTime() - feedback.createdAt.getTime()) / 60_000);
      yield { ...org, at: feedback.firstRepliedAt!, amount: minutes, key: feedback.kind };
    }
  },
};

/** 微心愿办结数: wishes marked handled (and not reopened since), on the day they were last marked handled. */
export const stationWishesHandled: FigureMetric = {
  name: 'stations.wishesHandled',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { feedback, org } of feedbacksBy('handledAt', range, { kind: 'wish' })) {
      yield { ...org, at: feedback.handledAt!, amount: 1 };
    }
  },
};

export const stationFeedbackMetrics = [
  stationFeedback,
  stationFeedbackRated,
  stationFeedbackRating,
  stationFeedbackReplies,
  stationReplyMinutes,
  stationWishesHandled,
];

type StationOrg = Pick<StationDoc, 'orgId' | 'orgPath'>;
const mark = (metrics: FigureMetric[], station: StationOrg, at: Date) =>
  Promise.all(
    metrics.map((metric) => markFigureChanged(metric.name, { orgId: station.orgId, orgPath: station.orgPath, at })),
  );

/** After a feedback or wish was submitted. The reconcile job heals a crash before this. */
export function markFeedbackGiven(station: StationOrg, feedback: Pick<StationFeedbackDoc, 'createdAt'>) {
  return mark([stationFeedback, stationFeedbackRated, stationFeedbackRating], station, feedback.createdAt);
}

/** After an answer or a handled/open switch: every day whose records it moved is recounted. */
export async function markFeedbackAnswered(station: StationOrg, before: Feedback, after: Feedback): Promise<void> {
  const changed = (instant: Instant) => before[instant]?.getTime() !== after[instant]?.getTime();
  if (changed('firstRepliedAt') && after.firstRepliedAt) {
    await mark([stationFeedbackReplies, stationReplyMinutes], station, after.firstRepliedAt);
  }
  if (after.kind === 'wish' && changed('handledAt')) {
    for (const at of [before.handledAt, after.handledAt]) if (at) await mark([stationWishesHandled], station, at);
  }
}
