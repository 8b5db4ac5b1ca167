/**
 * The verifiable lottery (抽签): commit at publish, draw once after sign-up closes, publish the
 * seed and every input so anyone can recompute with shared `drawLottery`.
 *
 * Tags, kept simple: `new_employment_form` = member.occupation in the new-employment-form set;
 * `first_time` = the member has no earlier winning lottery ticket; `repeated_no_show` = at least
 * `repeatedNoShowAfter` entries in `no_show` updated within 365 days.
 * A second draw answers 409. A draw whose process died midway is finished by the activities'
 * job once quiet (`resumeStalledDraws`), or by the organiser's next 开奖.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import {
  commitmentOf,
  drawLottery,
  maskedEntrantName,
  nextStatus,
  NEW_EMPLOYMENT_FORM_OCCUPATIONS,
  weightOf,
  type PublishedLotteryResult,
} from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Runtime } from '../../runtime';
import type { Actor } from '../auth/actor';
import { recordEvent, SYSTEM_ACTOR } from '../event-trail/record';
import { MemberModel } from '../membership/member.model';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel } from './entry.model';
import { LotteryModel, LotteryTicketModel, type LotteryDoc } from './lottery.model';
import { markEntryFigures } from './figure-marks';
import { notifyEntries, type NotifyApp } from './notify';
import { managedActivity } from './organise.service';
import { drawHoldKey, finishDecidingHold, holdPlaceForEntry } from './places';
import { activityPolicy } from './policy';

type LotteryApp = Pick<Runtime, 'cipher' | 'wechat' | 'config' | 'logger'>;
const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * 24 * HOUR_MS;
const RESUME_AFTER_MS = 5 * 60_000;

type LotteryWeights = ActivityDoc['lotteryWeights'];

/** A plain copy of the activity's weights, as stored with the draw. */
const weightsOf = (activity: Pick<ActivityDoc, 'lotteryWeights'>): LotteryWeights => ({
  newEmploymentForm: activity.lotteryWeights.newEmploymentForm,
  firstTime: activity.lotteryWeights.firstTime,
  repeatedNoShow: activity.lotteryWeights.repeatedNoShow,
  repeatedNoShowAfter: activity.lotteryWeights.repeatedNoShowAfter,
});

/** The weight of each tag, as `weightOf` reads it and the result publishes it. */
const weightRulesOf = (w: LotteryWeights) => ({
  new_employment_form: w.newEmploymentForm,
  first_time: w.firstTime,
  repeated_no_show: w.repeatedNoShow,
});

const hasLottery = (activity: Pick<ActivityDoc, 'groups'>) => activity.groups.some((g) => g.allocation === 'lottery');

/** Commits once (first publish, or the first publish-time edit adding a lottery group); never replaces. */
export async function commitLottery(app: Pick<Runtime, 'cipher'>, activityId: string, now: Date): Promise<void> {
  const activity = await ActivityModel.findById(activityId).lean<ActivityDoc>();
  if (!activity || activity.status !== 'published' || !hasLottery(activity)) return;
  if (await LotteryModel.exists({ activityId: activity._id })) return;
  const seed = randomBytes(32).toString('hex');
  try {
    await LotteryModel.create({
      activityId: activity._id,
      commitment: commitmentOf(seed),
      committedAt: now,
      seedSealed: app.cipher.encrypt(seed),
    });
  } catch (error) {
    // A parallel publish committed first (unique activityId): its commitment stands.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

export async function drawActivityLottery(app: LotteryApp, actor: Actor, id: string, now: Date) {
  const activity = await managedActivity(actor, id);
  const lottery = await LotteryModel.findOne({ activityId: activity._id }).lean<LotteryDoc>();
  if (!lottery || !hasLottery(activity)) throw ConflictError('本活动没有抽签分组或尚未发布', 'lottery_missing');
  if (now < activity.signUpClosesAt) throw ConflictError('报名尚未截止，不能开奖', 'lottery_not_closed');
  const seed = app.cipher.decrypt(lottery.seedSealed);
  const drawnAt = lottery.drawnAt ?? now;
  if (lottery.drawnAt) {
    if (!(await claimStalledDraw(lottery, seed, now)))
      throw ConflictError('本活动已开奖，不能重复开奖', 'lottery_drawn');
  } else {
    const won = await updateIf(
      LotteryModel,
      { key: { _id: lottery._id }, when: { drawnAt: null } },
      { $set: { drawnAt: now, claimedAt: now, seed, drawnBy: actor.accountId, weights: weightsOf(activity) } },
    );
    if (!won) throw ConflictError('本活动已开奖，不能重复开奖', 'lottery_drawn');
  }
  return runDraw(app, activity, lottery, { seed, drawnAt, drawnBy: actor.accountId }, now);
}

/**
 * A draw whose process died (drawnAt set, never finished) may be resumed by one caller once it
 * has been quiet for RESUME_AFTER_MS; it finishes the same result (stored tickets are kept).
 */
async function claimStalledDraw(lottery: LotteryDoc, seed: string, now: Date): Promise<boolean> {
  if (!lottery.drawnAt || lottery.finishedAt) return false;
  const quietSince = lottery.claimedAt ?? lottery.drawnAt;
  if (now.getTime() - quietSince.getTime() <= RESUME_AFTER_MS) return false;
  return updateIf(
    LotteryModel,
    { key: { _id: lottery._id }, when: { finishedAt: null, claimedAt: lottery.claimedAt ?? null } },
    { $set: { claimedAt: now, seed } },
  );
}

/**
 * Called from the activities' job: finishes every draw whose process died midway, once quiet,
 * with the seed its first claim stored; the organiser need not press 开奖 again.
 */
export async function resumeStalledDraws(app: NotifyApp, now: Date): Promise<number> {
  const stalled = await LotteryModel.find({ drawnAt: { $ne: null }, finishedAt: null, seed: { $ne: null } })
    .limit(20)
    .lean<LotteryDoc[]>();
  let resumed = 0;
  for (const lottery of stalled) {
    const activity = await ActivityModel.findById(lottery.activityId).lean<ActivityDoc>();
    if (!activity || !lottery.seed || !(await claimStalledDraw(lottery, lottery.seed, now))) continue;
    const drawnBy = lottery.drawnBy ? String(lottery.drawnBy) : null;
    await runDraw(app, activity, lottery, { seed: lottery.seed, drawnAt: lottery.drawnAt!, drawnBy }, now);
    resumed += 1;
  }
  return resumed;
}

/** The draw itself, once this caller holds the claim: tickets, entries moved, event, notices. */
async function runDraw(
  app: NotifyApp,
  activity: ActivityDoc,
  lottery: LotteryDoc,
  claim: { seed: string; drawnAt: Date; drawnBy: string | null },
  now: Date,
) {
  const { seed, drawnAt } = claim;
  // A resumed draw weighs by what the first claim stored (older records: the activity's own).
  const w = lottery.weights ?? weightsOf(activity);
  const rules = weightRulesOf(w);
  const paid = activity.fee.priceFen - activity.fee.subsidyFen > 0;
  const drawnIds: Types.ObjectId[] = [];
  let winners = 0;
  for (const group of activity.groups.filter((g) => g.allocation === 'lottery')) {
    // The entry set fixed at drawnAt: those still awaiting the draw, plus those an interrupted
    // run already ticketed (and maybe moved), with the weights stored then.
    const stored = await LotteryTicketModel.find({ activityId: activity._id, groupId: group.id }).lean();
    const storedWeight = new Map(stored.map((t) => [String(t.entryId), { weight: t.weight, tags: t.tags }]));
    const waiting = await EntryModel.find(
      { activityId: activity._id, groupId: group.id, status: 'awaiting_draw' },
      { _id: 1, memberId: 1 },
    ).lean<{ _id: Types.ObjectId; memberId: Types.ObjectId }[]>();
    const entries = [
      ...stored.map((t) => ({ _id: t.entryId, memberId: t.memberId })),
      ...waiting.filter((e) => !storedWeight.has(String(e._id))),
    ];
    if (entries.length === 0) continue;
    const memberIds = entries.map((e) => e.memberId);
    const [members, pastWins, noShows] = await Promise.all([
      MemberModel.find({ _id: { $in: memberIds } }, { occupation: 1 }).lean<
        { _id: Types.ObjectId; occupation: string }[]
      >(),
      LotteryTicketModel.find({ memberId: { $in: memberIds }, won: true }, { memberId: 1 }).lean<
        { memberId: Types.ObjectId }[]
      >(),
      EntryModel.find(
        { memberId: { $in: memberIds }, status: 'no_show', updatedAt: { $gte: new Date(now.getTime() - YEAR_MS) } },
        { memberId: 1 },
      ).lean<{ memberId: Types.ObjectId }[]>(),
    ]);
    const newForm = new Set(
      members
        .filter((m) => (NEW_EMPLOYMENT_FORM_OCCUPATIONS as readonly string[]).includes(m.occupation))
        .map((m) => String(m._id)),
    );
    const winnersBefore = new Set(pastWins.map((t) => String(t.memberId)));
    const noShowCount = new Map<string, number>();
    for (const n of noShows) noShowCount.set(String(n.memberId), (noShowCount.get(String(n.memberId)) ?? 0) + 1);
    const tagged = entries.map((entry) => {
      const member = String(entry.memberId);
      const tags: string[] = [];
      if (newForm.has(member)) tags.push('new_employment_form');
      if (!winnersBefore.has(member)) tags.push('first_time');
      if ((noShowCount.get(member) ?? 0) >= w.repeatedNoShowAfter) tags.push('repeated_no_show');
      // The published rule itself, so the result's weights check against its weightRules.
      const weight = weightOf(tags, rules);
      const kept = storedWeight.get(String(entry._id));
      return kept ? { entry, tags: kept.tags, weight: kept.weight } : { entry, tags, weight };
    });
    const byId = new Map(tagged.map((t) => [String(t.entry._id), t]));
    const result = drawLottery({
      seed,
      entries: tagged.map((t) => ({ id: String(t.entry._id), weight: t.weight })),
      places: group.capacity,
    });
    const winnerSet = new Set(result.winners);
    await LotteryTicketModel.insertMany(
      result.order.map((drawn) => {
        const t = byId.get(drawn.id)!;
        return {
          activityId: activity._id,
          groupId: group.id,
          entryId: t.entry._id,
          memberId: t.entry.memberId,
          weight: t.weight,
          tags: t.tags,
          rank: drawn.rank,
          won: winnerSet.has(drawn.id),
        };
      }),
      { ordered: false },
    ).catch((error: { code?: number }) => {
      // Tickets an interrupted run stored already: the same rows, kept.
      if (error.code !== 11000) throw error;
    });
    for (const drawn of result.order) {
      const entryId = byId.get(drawn.id)!.entry._id;
      const queueOrder = `d${String(drawn.rank).padStart(8, '0')}`;
      let moved = false;
      const places = { activityId: activity._id, groupId: group.id };
      // A winner's place is a hold keyed by the entry: a resumed draw adopts it (places.ts).
      const hold = winnerSet.has(drawn.id) ? await holdPlaceForEntry(places, drawHoldKey(entryId), entryId, now) : null;
      if (hold) {
        const status = nextStatus('awaiting_draw', 'draw_won', { paid })!;
        const offeredUntil =
          status === 'pending_payment' ? new Date(now.getTime() + activity.offerHoldHours * HOUR_MS) : null;
        moved = await updateIf(
          EntryModel,
          { key: { _id: entryId }, when: { status: 'awaiting_draw' } },
          { $set: { status, queueOrder, offeredUntil, placeHold: hold.record } },
        );
        if (moved) winners++;
        // Kept when this run (or an interrupted one) moved the entry onto it; else given back
        // (the entry left awaiting_draw meanwhile).
        await finishDecidingHold(places, hold);
      } else {
        moved = await updateIf(
          EntryModel,
          { key: { _id: entryId }, when: { status: 'awaiting_draw' } },
          { $set: { status: nextStatus('awaiting_draw', 'draw_waitlisted')!, queueOrder } },
        );
      }
      if (moved) drawnIds.push(entryId);
    }
  }
  await LotteryModel.updateOne({ _id: lottery._id }, { $set: { finishedAt: new Date() } });
  await recordEvent({
    kind: 'activity.lottery_drawn',
    actor: claim.drawnBy
      ? { ...SYSTEM_ACTOR, kind: 'union_staff', accountId: claim.drawnBy, label: '工会工作人员' }
      : SYSTEM_ACTOR,
    at: now,
    summary: `「${activity.title}」开奖：${drawnIds.length} 人参与，${winners} 人中签`,
    detail: { activityId: String(activity._id), commitment: lottery.commitment, seed },
  });
  await markEntryFigures(drawnIds, now);
  await notifyEntries(app, drawnIds, now);
  return { drawnAt: drawnAt.toISOString(), drawn: drawnIds.length, winners };
}

export async function lotteryResult(actor: Actor, id: string): Promise<PublishedLotteryResult> {
  const activity = await ActivityModel.findById(id).lean<ActivityDoc>();
  if (!activity) throw NotFoundError('活动不存在');
  activityPolicy.authorize(actor, 'viewAsMember', activity);
  const lottery = await LotteryModel.findOne({ activityId: activity._id }).lean<LotteryDoc>();
  // Once drawn, the weights the draw used; before, the ones the activity publishes.
  const weightRules = weightRulesOf(lottery?.weights ?? weightsOf(activity));
  const drawn = Boolean(lottery?.drawnAt);
  const groups = [];
  for (const group of activity.groups.filter((g) => g.allocation === 'lottery')) {
    const tickets = drawn
      ? await LotteryTicketModel.find({ activityId: activity._id, groupId: group.id }).sort({ rank: 1 }).lean()
      : [];
    const winnerTickets = tickets.filter((t) => t.won);
    const members = await MemberModel.find(
      { _id: { $in: winnerTickets.map((t) => t.memberId) } },
      { name: 1, memberNo: 1 },
    ).lean<{ _id: Types.ObjectId; name: string; memberNo: string }[]>();
    const byMember = new Map(members.map((m) => [String(m._id), m]));
    groups.push({
      groupId: group.id,
      groupName: group.name,
      places: group.capacity,
      entries: tickets.map((t) => ({
        id: String(t.entryId),
        weight: t.weight,
        tags: t.tags as PublishedLotteryResult['groups'][number]['entries'][number]['tags'],
        rank: t.rank,
      })),
      winners: winnerTickets.map((t) => {
        const m = byMember.get(String(t.memberId));
        return { rank: t.rank, maskedName: m ? maskedEntrantName(m.name, m.memberNo) : '—' };
      }),
    });
  }
  return {
    commitment: lottery?.commitment ?? null,
    committedAt: lottery?.committedAt.toISOString() ?? null,
    drawnAt: lottery?.drawnAt?.toISOString() ?? null,
    seed: drawn ? (lottery?.seed ?? null) : null,
    groups,
    weightRules,
  };
}

/** Wraps publish/edit: once the change is stored, commit the lottery if it now needs one. */
export async function thenCommitLottery<T>(app: Pick<Runtime, 'cipher'>, id: string, change: Promise<T>): Promise<T> {
  const result = await change;
  await commitLottery(app, id, new Date());
  return result;
}
