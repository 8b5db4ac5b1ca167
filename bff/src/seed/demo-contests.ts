/**
 * Seeds the demo skill contest (技能竞赛) through the contest services, as an organiser and two
 * judges would on their phones: 理论 scored and closed (80 or more advance: three entrants), 实操
 * open so the demo judges 吴评委 and 郑评委 can score on their phones, 李娜 among the entrants.
 */
import { Types } from 'mongoose';
import { ActivityInputSchema, chinaDateOf, ContestSetupInputSchema } from '@union/shared';
import type { FieldCipher } from '../crypto/field-encryption';
import type { Actor } from '../modules/auth/actor';
import { AccountModel } from '../modules/auth/account.model';
import { ActivityModel } from '../modules/activities/activity.model';
import { GroupPlacesModel } from '../modules/activities/group-places.model';
import { signUpOnBehalf } from '../modules/activities/on-behalf.service';
import { storedActivityFields } from '../modules/activities/organise.service';
import { signUp } from '../modules/activities/sign-up.service';
import { bindJudge, createJudgeInvitation } from '../modules/contests/judges.service';
import { closeRound } from '../modules/contests/rounds.service';
import { saveContestSetup } from '../modules/contests/setup.service';
import { submitScoreSheet } from '../modules/contests/sheets.service';
import type { SeedOrganization } from './demo-organizations';
import type { RosterEntry } from './demo-roster';

export const DEMO_CONTEST_TITLE = '西湖区职工焊工技能竞赛';
export const DEMO_CONTEST_HOST = '西湖区总工会';
/** WeChat accounts that are judges of the demo contest (not members). */
export const DEMO_JUDGES = [
  { openid: 'demo-judge-wu', name: '吴评委' },
  { openid: 'demo-judge-zheng', name: '郑评委' },
] as const;

const DAY_MS = 86_400_000;

const wechatActor = (accountId: Types.ObjectId, memberId: Types.ObjectId | null = null): Actor => ({
  accountId: String(accountId),
  kind: 'wechat',
  memberId: memberId ? String(memberId) : null,
  merchantId: null,
  grants: [],
});

interface Options {
  cipher: FieldCipher;
  /** The host (西湖区总工会) and a union office account over it. */
  host: SeedOrganization;
  organiser: { accountId: Types.ObjectId };
  newId: (at: Date) => Types.ObjectId;
  liNa: { accountId: Types.ObjectId; memberId: Types.ObjectId };
  /** Active roster members under the host, not the named demo people. */
  entrants: RosterEntry[];
  now: Date;
}

export async function seedDemoContests(options: Options): Promise<number> {
  const { cipher, host, organiser, liNa, now } = options;
  const app = { cipher };
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const staff: Actor = {
    accountId: String(organiser.accountId),
    kind: 'staff',
    memberId: null,
    merchantId: null,
    grants: [{ role: 'union_staff', orgId: String(host._id) }],
  };
  const input = ActivityInputSchema.parse({
    title: DEMO_CONTEST_TITLE,
    kind: 'skill_contest',
    description: '理论考试合格者进入实操比赛，实操由评委按评分表现场打分，去掉最高分和最低分后取平均。',
    orgId: String(host._id),
    venue: {
      kind: 'place',
      name: '西湖区职业技能实训基地',
      address: '杭州市西湖区转塘街道创意路 1 号',
      location: { lat: 30.1478, lng: 120.0912 },
    },
    sessions: [{ date: chinaDateOf(now), start: '08:30', end: '17:30' }],
    groups: [
      { id: 'arc', name: '电焊组', capacity: 20, allocation: 'first_come' },
      { id: 'gas', name: '气焊组', capacity: 20, allocation: 'first_come' },
    ],
    signUpOpensAt: at(-20).toISOString(),
    signUpClosesAt: at(-3).toISOString(),
    cancelDeadline: at(-3).toISOString(),
  });
  // Stored as the organiser's editor stores it: the organisations are inserted after the rest of the seed.
  const activityId = options.newId(at(-21));
  const fields = storedActivityFields(input, host, host, []);
  await ActivityModel.create({ _id: activityId, ...fields, status: 'published', createdBy: organiser.accountId });
  await GroupPlacesModel.insertMany(
    fields.groups.map((group) => ({ activityId, groupId: group.id, capacity: group.capacity, free: group.capacity })),
  );
  const activity = { id: String(activityId) };

  const entryIds: string[] = [];
  const liNaEntry = await signUp(
    app,
    wechatActor(liNa.accountId, liNa.memberId),
    activity.id,
    { groupId: 'arc', requestId: 'demo-contest-li', answers: {} },
    at(-10),
  );
  entryIds.push(liNaEntry.id);
  const others = options.entrants.filter((entry) => entry.status === 'active').slice(0, 5);
  if (others.length < 5) throw new Error('the demo contest wants 5 roster entrants under 西湖区总工会');
  for (const [index, member] of others.entries()) {
    const body = {
      name: member.name,
      idNumber: member.idNumber,
      groupId: index < 2 ? 'arc' : 'gas',
      requestId: `demo-contest-${index}`,
      answers: {},
    };
    entryIds.push((await signUpOnBehalf(app, staff, activity.id, body, at(-9))).id);
  }

  const setup = ContestSetupInputSchema.parse({
    rounds: [
      {
        id: 'theory',
        name: '理论',
        scoring: { kind: 'plain', maxPoints: 100 },
        weight: 30,
        // 80 分及以上进入实操: 李娜 (电焊组) and two of 气焊组, so the judges score three entrants.
        advancement: { mode: 'threshold', score: 80 },
      },
      {
        id: 'practice',
        name: '实操',
        scoring: {
          kind: 'rubric',
          items: [
            { id: 'norm', name: '操作规范', maxPoints: 30 },
            { id: 'quality', name: '完成质量', maxPoints: 40 },
            { id: 'time', name: '用时', maxPoints: 20 },
            { id: 'safety', name: '安全', maxPoints: 10 },
          ],
        },
        aggregation: { method: 'trimmed_mean', trimWhenAtLeast: 3 },
        weight: 70,
      },
    ],
    ranking: { basis: 'weighted_total', tieBreak: [{ by: 'item', roundId: 'practice', itemId: 'quality' }] },
    awards: ['arc', 'gas'].map((groupId) => ({
      groupId,
      tiers: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
      ],
    })),
  });
  await saveContestSetup(staff, activity.id, setup);

  const invitation = await createJudgeInvitation(
    staff,
    cipher,
    activity.id,
    { groupIds: ['arc', 'gas'], roundIds: [], maxUses: 2, validDays: 30 },
    at(-2),
  );
  const judges: Actor[] = [];
  for (const judge of DEMO_JUDGES) {
    const account = await AccountModel.create({
      _id: new Types.ObjectId(),
      kind: 'wechat',
      openid: judge.openid,
      unionid: `union-${judge.openid}`,
      displayName: judge.name,
    });
    const actor = wechatActor(account._id);
    await bindJudge(actor, cipher, { code: invitation.code, displayName: judge.name }, at(-2));
    judges.push(actor);
  }

  // 理论: both judges mark every paper; 李娜 does well.
  const theory = [92, 78, 71, 85, 88, 64];
  for (const [judgeIndex, judge] of judges.entries()) {
    for (const [index, entryId] of entryIds.entries()) {
      const body = {
        roundId: 'theory',
        items: {},
        value: theory[index]! + judgeIndex,
        revision: 0,
        requestId: `demo-theory-${judgeIndex}-${index}`,
      };
      await submitScoreSheet(judge, activity.id, entryId, body, at(-1));
    }
  }
  await closeRound(staff, activity.id, { roundId: 'theory' }, at(-1));
  return 1;
}
