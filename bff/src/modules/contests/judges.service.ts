/**
 * Judges (评委) join a contest with an invitation code from its organiser, like merchant
 * clerks: the code is shown once and stored only as a keyed hash; each bind takes one use with
 * a conditional $inc, so parallel binds never exceed `maxUses`. The role reaches this activity
 * only: it is a judge document, not an account grant.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { ContestJudge } from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import type { ActivityDoc } from '../activities/activity.model';
import { MemberModel } from '../membership/member.model';
import { managedContest } from './contest-access';
import { ContestJudgeModel, JudgeInvitationModel, type ContestJudgeDoc } from './judge.model';
import { ScoreSheetModel } from './sheet.model';

/** No 0/O, 1/I/L: the code is read out and typed on a phone. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const HASH_PURPOSE = 'contest-judge-invitation';
const DAY_MS = 86_400_000;

function checkScope(
  activity: ActivityDoc,
  roundIds: readonly string[],
  groupIds: readonly string[],
  setupRoundIds: readonly string[],
) {
  const problems = [
    ...groupIds.flatMap((id, index) =>
      activity.groups.some((group) => group.id === id) ? [] : [{ path: `groupIds.${index}`, message: '没有这个组别' }],
    ),
    ...roundIds.flatMap((id, index) =>
      setupRoundIds.includes(id) ? [] : [{ path: `roundIds.${index}`, message: '没有这个轮次' }],
    ),
  ];
  if (problems.length > 0) throw ValidationError(problems);
}

const setupRoundIds = (setup: unknown) =>
  ((setup as { rounds?: { id: string }[] } | null)?.rounds ?? []).map((round) => round.id);

export async function createJudgeInvitation(
  actor: Actor,
  cipher: FieldCipher,
  activityId: string,
  request: { groupIds: string[]; roundIds: string[]; maxUses: number; validDays: number },
  now: Date,
) {
  const { activity, contest } = await managedContest(actor, activityId);
  checkScope(activity, request.roundIds, request.groupIds, setupRoundIds(contest?.setup));
  const expiresAt = new Date(now.getTime() + request.validDays * DAY_MS);
  // A collision among 31^8 codes is near impossible; the unique index turns one into a retry.
  for (;;) {
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    try {
      await JudgeInvitationModel.create({
        activityId: activity._id,
        codeHash: cipher.blindIndex(HASH_PURPOSE, code),
        groupIds: [...new Set(request.groupIds)],
        roundIds: [...new Set(request.roundIds)],
        expiresAt,
        maxUses: request.maxUses,
        uses: 0,
        createdByAccountId: new Types.ObjectId(actor.accountId),
        createdAt: now,
      });
      return {
        code,
        expiresAt: expiresAt.toISOString(),
        maxUses: request.maxUses,
        groupIds: request.groupIds,
        roundIds: request.roundIds,
      };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

const invalidCode = (message = '邀请码无效或已过期，请向组织者索取新的邀请码') =>
  ValidationError([{ path: 'code', message }], message);

/** The judge document the bind made (or already had: binding twice is a no-op). */
export async function bindJudge(
  actor: Actor,
  cipher: FieldCipher,
  body: { code: string; displayName?: string },
  now: Date,
): Promise<ContestJudgeDoc> {
  if (actor.kind !== 'wechat') throw ForbiddenError('请用评委本人的微信登录后绑定');
  const code = body.code.toUpperCase();
  const invitation = await JudgeInvitationModel.findOne({ codeHash: cipher.blindIndex(HASH_PURPOSE, code) }).lean();
  if (!invitation || invitation.expiresAt.getTime() <= now.getTime()) throw invalidCode();
  const existing = await ContestJudgeModel.findOne({
    activityId: invitation.activityId,
    accountId: actor.accountId,
  }).lean<ContestJudgeDoc>();
  if (existing?.status === 'active') return existing;

  const taken = await updateIf(
    JudgeInvitationModel,
    { key: { _id: invitation._id }, when: { uses: { $lt: invitation.maxUses }, expiresAt: { $gt: now } } },
    { $inc: { uses: 1 } },
  );
  if (!taken) throw invalidCode('该邀请码的使用人数已满，请向组织者索取新的邀请码');

  const account = await AccountModel.findById(actor.accountId, { displayName: 1 }).lean();
  const member = actor.memberId ? await MemberModel.findById(actor.memberId, { name: 1 }).lean() : null;
  const displayName = body.displayName ?? member?.name ?? account?.displayName ?? '评委';
  const fields = {
    displayName,
    groupIds: invitation.groupIds,
    roundIds: invitation.roundIds,
    status: 'active',
    invitationId: invitation._id,
    boundAt: now,
    removedAt: null,
  };
  // A removed judge comes back through a new code; parallel binds of one account meet at the unique index.
  const judge = await updateIfAndRead(
    ContestJudgeModel,
    {
      key: { activityId: invitation.activityId, accountId: new Types.ObjectId(actor.accountId) },
      when: { status: { $ne: 'active' } },
    },
    { $set: fields },
    { upsert: true },
  );
  if (judge) return judge as ContestJudgeDoc;
  await JudgeInvitationModel.updateOne({ _id: invitation._id }, { $inc: { uses: -1 } });
  const bound = await ContestJudgeModel.findOne({
    activityId: invitation.activityId,
    accountId: actor.accountId,
  }).lean<ContestJudgeDoc>();
  if (!bound) throw invalidCode();
  return bound;
}

export async function presentJudges(activityId: Types.ObjectId, judges: ContestJudgeDoc[]): Promise<ContestJudge[]> {
  const counts = new Map<string, number>();
  for (const sheet of await ScoreSheetModel.find({ activityId, status: 'submitted' }, { judgeId: 1 }).lean()) {
    counts.set(String(sheet.judgeId), (counts.get(String(sheet.judgeId)) ?? 0) + 1);
  }
  return judges.map((judge) => ({
    id: String(judge._id),
    displayName: judge.displayName,
    groupIds: judge.groupIds,
    roundIds: judge.roundIds,
    boundAt: judge.boundAt.toISOString(),
    submittedSheets: counts.get(String(judge._id)) ?? 0,
  }));
}

export async function listJudges(actor: Actor, activityId: string): Promise<{ items: ContestJudge[] }> {
  const { activity } = await managedContest(actor, activityId);
  const judges = await ContestJudgeModel.find({ activityId: activity._id, status: 'active' })
    .sort({ boundAt: 1 })
    .lean<ContestJudgeDoc[]>();
  return { items: await presentJudges(activity._id, judges) };
}

async function activeJudge(activityId: Types.ObjectId, judgeId: string): Promise<ContestJudgeDoc> {
  const judge = await ContestJudgeModel.findOne({ _id: judgeId, activityId, status: 'active' }).lean<ContestJudgeDoc>();
  if (!judge) throw NotFoundError('评委不存在');
  return judge;
}

export async function updateJudgeScope(
  actor: Actor,
  activityId: string,
  judgeId: string,
  scope: { groupIds: string[]; roundIds: string[] },
): Promise<ContestJudge> {
  const { activity, contest } = await managedContest(actor, activityId);
  checkScope(activity, scope.roundIds, scope.groupIds, setupRoundIds(contest?.setup));
  const judge = await activeJudge(activity._id, judgeId);
  const updated = await updateIfAndRead(
    ContestJudgeModel,
    { key: { _id: judge._id }, when: { status: 'active' } },
    { $set: { groupIds: [...new Set(scope.groupIds)], roundIds: [...new Set(scope.roundIds)] } },
  );
  if (!updated) throw NotFoundError('评委不存在');
  const [shown] = await presentJudges(activity._id, [updated as ContestJudgeDoc]);
  return shown!;
}

/** Their submitted sheets stay and count; access ends with this write. */
export async function removeJudge(actor: Actor, activityId: string, judgeId: string, now: Date): Promise<{ ok: true }> {
  const { activity } = await managedContest(actor, activityId);
  const judge = await activeJudge(activity._id, judgeId);
  await updateIf(
    ContestJudgeModel,
    { key: { _id: judge._id }, when: { status: 'active' } },
    { $set: { status: 'removed', removedAt: now } },
  );
  return { ok: true };
}
