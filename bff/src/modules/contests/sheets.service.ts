/**
 * A judge's score sheets: draft saves compare-and-set on `revision` (two devices: one wins,
 * the other is told to reload), submit (a replay with the same requestId answers the same),
 * and correction after submit with a reason, recorded in the sheet and the event trail.
 * A correction raises the contest's scores revision before and after its write and holds
 * `correctionsOpen` meanwhile, so it and a publish cannot both take effect (results.service).
 */
import { Types } from 'mongoose';
import {
  maskName,
  sheetTotal,
  validateSheet,
  type ContestRound,
  type JudgeContest,
  type ScoreSheet,
  type SheetScores,
} from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { recordEvent } from '../event-trail/record';
import { organizationNames } from '../organizations/service';
import { ContestModel, correctionLeaseEnd } from './contest.model';
import { judgedContest } from './contest-access';
import { judgeContestView, judgeEntrantView, judgeEntrants, judgeRoundView, scoreSheetView } from './judge-views';
import { ContestJudgeModel, type ContestJudgeDoc } from './judge.model';
import { contestPolicy } from './policy';
import { ScoreSheetModel, type ScoreSheetDoc } from './sheet.model';
import { loadContestData, roundParticipants, roundStateOf, type ContestData } from './standings';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import type { ContestDoc } from './contest.model';

/** A judge's view of one contest; before the organiser sets up rounds it has none yet. */
async function judgeContestSummary(judge: ContestJudgeDoc): Promise<JudgeContest | null> {
  const [activity, contest] = await Promise.all([
    ActivityModel.findById(judge.activityId).lean<ActivityDoc>(),
    ContestModel.findOne({ activityId: judge.activityId }).lean<ContestDoc>(),
  ]);
  if (!activity) return null;
  if (!contest?.setup) {
    const orgNames = await organizationNames([activity.orgId]);
    return {
      activityId: String(activity._id),
      title: activity.title,
      orgName: orgNames.get(String(activity.orgId)) ?? '',
      judgeName: judge.displayName,
      groups: activity.groups
        .filter((group) => judge.groupIds.includes(group.id))
        .map((group) => ({ id: group.id, name: group.name })),
      rounds: [],
      published: false,
    };
  }
  return judgeContestView(await loadContestData(activity, contest), judge);
}

export async function myJudgedContests(actor: Actor): Promise<{ items: JudgeContest[] }> {
  const judges = await ContestJudgeModel.find({ accountId: actor.accountId, status: 'active' })
    .sort({ boundAt: -1 })
    .lean<ContestJudgeDoc[]>();
  const items: JudgeContest[] = [];
  for (const judge of judges) {
    const summary = await judgeContestSummary(judge);
    if (summary) items.push(summary);
  }
  return { items };
}

export async function judgeContestAfterBind(judge: ContestJudgeDoc): Promise<JudgeContest> {
  const summary = await judgeContestSummary(judge);
  if (!summary) throw NotFoundError('竞赛不存在');
  return summary;
}

async function judgeRoundContext(actor: Actor, activityId: string, roundId: string) {
  const { judge, activity, contest, setup } = await judgedContest(actor, activityId);
  const round = setup.rounds.find((candidate) => candidate.id === roundId);
  if (!round) throw NotFoundError('轮次不存在');
  contestPolicy.authorize(actor, 'judgeRound', { judge, roundId });
  const data = await loadContestData(activity, contest);
  return { judge, round, data };
}

export async function judgeRoundEntrants(actor: Actor, activityId: string, roundId: string) {
  const { judge, round, data } = await judgeRoundContext(actor, activityId, roundId);
  return {
    round: judgeRoundView(data, judge, round),
    items: judgeEntrants(data, judge, round.id).map((entrant) => judgeEntrantView(data, judge, round.id, entrant)),
  };
}

/** The judge, round and entrant of one sheet: another group's entrant, or one not in this round, is 404. */
async function sheetContext(actor: Actor, activityId: string, roundId: string, entrantId: string) {
  const context = await judgeRoundContext(actor, activityId, roundId);
  const entrant = roundParticipants(context.data, roundId).find((candidate) => candidate.id === entrantId);
  if (!entrant) throw NotFoundError('参赛者不存在');
  contestPolicy.authorize(actor, 'judgeEntrant', { judge: context.judge, entrant });
  return { ...context, entrant };
}

export async function getScoreSheet(
  actor: Actor,
  activityId: string,
  roundId: string,
  entrantId: string,
): Promise<ScoreSheet> {
  const { judge, round, data, entrant } = await sheetContext(actor, activityId, roundId, entrantId);
  return scoreSheetView(data, judge, round, entrant);
}

const sheetChanged = () => ConflictError('评分表已在其他设备上修改，请刷新查看最新内容后再改', 'sheet_changed');
const alreadySubmitted = () => ConflictError('评分已提交，如需修改请更正并说明原因', 'sheet_submitted');

function checkScores(round: ContestRound, scores: SheetScores, complete: boolean) {
  const issues = validateSheet(round.scoring, scores, complete);
  if (issues.length > 0) throw ValidationError(issues, complete ? '评分未填完或有误，请按提示修改' : undefined);
}

function checkScoring(data: ContestData, round: ContestRound, entrantId: string) {
  const state = roundStateOf(data.contest, round.id);
  if (state?.status !== 'open')
    throw ConflictError(state?.status === 'closed' ? '本轮已结束，不能再评分' : '本轮尚未开始评分', 'round_not_open');
  if (state.absentIds.includes(entrantId)) throw ConflictError('该参赛者本轮缺考，无需评分', 'entrant_absent');
}

const findSheet = (data: ContestData, judge: ContestJudgeDoc, roundId: string, entrantId: string) =>
  ScoreSheetModel.findOne({
    activityId: data.activity._id,
    roundId,
    entrantId,
    judgeId: judge._id,
  }).lean<ScoreSheetDoc>();

async function reread(actor: Actor, activityId: string, roundId: string, entrantId: string) {
  return getScoreSheet(actor, activityId, roundId, entrantId);
}

interface SheetWrite extends SheetScores {
  roundId: string;
  revision: number;
}

/** Saves a draft; `revision` is what the caller read (0 for a new sheet). */
export async function saveScoreSheet(
  actor: Actor,
  activityId: string,
  entrantId: string,
  body: SheetWrite,
  now: Date,
): Promise<ScoreSheet> {
  const { judge, round, data } = await sheetContext(actor, activityId, body.roundId, entrantId);
  checkScoring(data, round, entrantId);
  const scores = { items: body.items, value: body.value };
  checkScores(round, scores, false);
  const fields = { items: scores.items, value: scores.value, total: sheetTotal(round.scoring, scores), updatedAt: now };
  const existing = await findSheet(data, judge, round.id, entrantId);
  if (existing?.status === 'submitted') throw alreadySubmitted();
  if (!existing) {
    if (body.revision !== 0) throw sheetChanged();
    try {
      await ScoreSheetModel.create({
        activityId: data.activity._id,
        roundId: round.id,
        entrantId: new Types.ObjectId(entrantId),
        judgeId: judge._id,
        status: 'draft',
        revision: 1,
        ...fields,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw sheetChanged();
      throw error;
    }
  } else {
    const saved = await updateIf(
      ScoreSheetModel,
      { key: { _id: existing._id }, when: { revision: body.revision, status: 'draft' } },
      { $set: fields, $inc: { revision: 1 } },
    );
    if (!saved) throw sheetChanged();
  }
  return reread(actor, activityId, round.id, entrantId);
}

/** Submits the sheet with these scores; replaying the same requestId answers the same. */
export async function submitScoreSheet(
  actor: Actor,
  activityId: string,
  entrantId: string,
  body: SheetWrite & { requestId: string },
  now: Date,
): Promise<ScoreSheet> {
  const { judge, round, data } = await sheetContext(actor, activityId, body.roundId, entrantId);
  const isReplay = (sheet: ScoreSheetDoc | null) =>
    sheet?.status === 'submitted' && sheet.submitRequestId === body.requestId;
  const existing = await findSheet(data, judge, round.id, entrantId);
  if (isReplay(existing)) return reread(actor, activityId, round.id, entrantId);
  if (existing?.status === 'submitted') throw alreadySubmitted();
  checkScoring(data, round, entrantId);
  const scores = { items: body.items, value: body.value };
  checkScores(round, scores, true);
  const fields = {
    items: scores.items,
    value: scores.value,
    total: sheetTotal(round.scoring, scores),
    status: 'submitted',
    submittedAt: now,
    submitRequestId: body.requestId,
    updatedAt: now,
  };
  let applied: boolean;
  if (!existing) {
    applied = body.revision === 0;
    if (applied) {
      try {
        await ScoreSheetModel.create({
          activityId: data.activity._id,
          roundId: round.id,
          entrantId: new Types.ObjectId(entrantId),
          judgeId: judge._id,
          revision: 1,
          ...fields,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        applied = false;
      }
    }
  } else {
    applied = await updateIf(
      ScoreSheetModel,
      { key: { _id: existing._id }, when: { revision: body.revision, status: 'draft' } },
      { $set: fields, $inc: { revision: 1 } },
    );
  }
  if (!applied) {
    // A parallel replay of this very submit won: answer as it did.
    if (isReplay(await findSheet(data, judge, round.id, entrantId)))
      return reread(actor, activityId, round.id, entrantId);
    throw sheetChanged();
  }
  return reread(actor, activityId, round.id, entrantId);
}

const publishedRefusal = () => ConflictError('成绩已公布，不能更正', 'results_published');

/** Corrects a submitted sheet with a reason, before the results are published. */
export async function correctScoreSheet(
  actor: Actor,
  activityId: string,
  entrantId: string,
  body: SheetWrite & { requestId: string; reason: string },
  now: Date,
): Promise<ScoreSheet> {
  const { judge, round, data } = await sheetContext(actor, activityId, body.roundId, entrantId);
  const existing = await findSheet(data, judge, round.id, entrantId);
  if (!existing || existing.status !== 'submitted')
    throw ConflictError('评分尚未提交，保存或提交即可，无需更正', 'sheet_not_submitted');
  if (existing.corrections.some((correction) => correction.requestId === body.requestId)) {
    return reread(actor, activityId, round.id, entrantId);
  }
  if (data.contest.publication) throw publishedRefusal();
  const scores = { items: body.items, value: body.value };
  checkScores(round, scores, true);
  const total = sheetTotal(round.scoring, scores);
  const correction = {
    at: now,
    by: judge.displayName,
    reason: body.reason,
    requestId: body.requestId,
    before: { items: existing.items ?? {}, value: existing.value ?? null, total: existing.total ?? null },
    after: { items: scores.items, value: scores.value, total },
  };

  // Announce the correction first: a publish computed before this point can no longer apply.
  const opened = await updateIf(
    ContestModel,
    { key: { activityId: data.activity._id }, when: { publication: null } },
    { $inc: { scoresRevision: 1, correctionsOpen: 1 }, $set: { correctionsBusyUntil: correctionLeaseEnd(now) } },
  );
  if (!opened) throw publishedRefusal();
  let applied = false;
  try {
    applied = await updateIf(
      ScoreSheetModel,
      { key: { _id: existing._id }, when: { revision: body.revision, status: 'submitted' } },
      {
        $set: {
          items: scores.items,
          value: scores.value,
          total,
          updatedAt: now,
          corrections: [...existing.corrections, correction],
        },
        $inc: { revision: 1 },
      },
    );
  } finally {
    await ContestModel.updateOne(
      { activityId: data.activity._id },
      { $inc: { scoresRevision: 1, correctionsOpen: -1 } },
    );
  }
  if (!applied) {
    const latest = await findSheet(data, judge, round.id, entrantId);
    if (latest?.corrections.some((entry) => entry.requestId === body.requestId))
      return reread(actor, activityId, round.id, entrantId);
    throw sheetChanged();
  }
  await recordEvent({
    kind: 'contest.score_corrected',
    actor: { kind: 'member', accountId: actor.accountId, label: `评委 ${maskName(judge.displayName)}` },
    at: now,
    summary: `更正评分（${round.name}）：${correction.before.total ?? '—'} → ${total ?? '—'}，原因：${body.reason}`,
    detail: {
      activityId: String(data.activity._id),
      roundId: round.id,
      entrantId,
      judgeId: String(judge._id),
      before: correction.before,
      after: correction.after,
      reason: body.reason,
    },
  });
  return reread(actor, activityId, round.id, entrantId);
}
