/**
 * Rankings and the report, read from the members' standings (one per member and quiz, holding
 * their best result): the top of a scope by an indexed sort, a member's own rank by one count,
 * and per child organisation of the audience the participation (参与率) and average score.
 */
import { Types } from 'mongoose';
import { maskName, type QuizParticipation, type QuizRanking, type QuizRankingRow } from '@union/shared';
import { ValidationError } from '../../http/errors';
import { MemberModel } from '../membership/member.model';
import { OrganizationModel } from '../organizations/organization.model';
import { findOrganization, organizationNames } from '../organizations/service';
import type { QuizDoc } from './quiz.model';
import { StandingModel, type StandingDoc } from './standing.model';
import type { Taker } from './take';

const RANK_ORDER = { 'best.score': -1, 'best.durationSeconds': 1, 'best.submittedAt': 1 } as const;

type Scope = { orgId: string; orgName: string };

function scopeFilter(quiz: QuizDoc, scopeOrgId: Types.ObjectId) {
  const filter: Record<string, unknown> = { quizId: quiz._id, best: { $ne: null } };
  if (!scopeOrgId.equals(quiz.audienceOrgId)) filter.memberOrgPath = scopeOrgId;
  return filter;
}

/** Higher results in the scope, so rank = this + 1; equal score and time share a rank. */
function countAhead(filter: Record<string, unknown>, best: NonNullable<StandingDoc['best']>) {
  return StandingModel.countDocuments({
    ...filter,
    $or: [
      { 'best.score': { $gt: best.score } },
      { 'best.score': best.score, 'best.durationSeconds': { $lt: best.durationSeconds } },
    ],
  });
}

export async function memberRank(quiz: QuizDoc, standing: StandingDoc | null): Promise<number | null> {
  if (!standing?.best) return null;
  return (await countAhead(scopeFilter(quiz, quiz.audienceOrgId), standing.best)) + 1;
}

function rowOf(standing: StandingDoc, rank: number, names: Map<string, string>): QuizRankingRow {
  const best = standing.best!;
  return {
    rank,
    name: maskName(standing.memberName),
    orgName: names.get(String(standing.memberOrgId)) ?? '',
    score: best.score,
    durationSeconds: best.durationSeconds,
    submittedAt: best.submittedAt.toISOString(),
  };
}

async function rankingIn(
  quiz: QuizDoc,
  scope: Types.ObjectId,
  scopes: Types.ObjectId[],
  limit: number,
  me: StandingDoc | null,
): Promise<QuizRanking> {
  const filter = scopeFilter(quiz, scope);
  const [top, participants] = await Promise.all([
    StandingModel.find(filter).sort(RANK_ORDER).limit(limit).lean<StandingDoc[]>(),
    StandingModel.countDocuments(filter),
  ]);
  const inScope = me?.best && me.memberOrgPath.some((id) => id.equals(scope));
  const myRank = inScope ? (await countAhead(filter, me.best!)) + 1 : null;
  const names = await organizationNames([
    ...scopes,
    ...top.map((row) => row.memberOrgId),
    ...(me ? [me.memberOrgId] : []),
  ]);
  const items: QuizRankingRow[] = [];
  top.forEach((standing, index) => {
    const previous = items[index - 1];
    const tied =
      previous &&
      previous.score === standing.best!.score &&
      previous.durationSeconds === standing.best!.durationSeconds;
    items.push(rowOf(standing, tied ? previous.rank : index + 1, names));
  });
  const scopeList: Scope[] = scopes.map((id) => ({ orgId: String(id), orgName: names.get(String(id)) ?? '' }));
  return {
    quizId: String(quiz._id),
    scope: { orgId: String(scope), orgName: names.get(String(scope)) ?? '' },
    scopes: scopeList,
    participants,
    items,
    me: myRank !== null && me ? rowOf(me, myRank, names) : null,
  };
}

const outOfScope = () => ValidationError([{ path: 'orgId', message: '只能查看本竞赛面向范围内的组织排名' }]);

/** A member sees the whole audience or any organisation between it and their own. */
export async function memberRanking(
  quiz: QuizDoc,
  taker: Taker,
  query: { orgId?: string; limit: number },
): Promise<QuizRanking> {
  const from = taker.orgPath.findIndex((id) => id.equals(quiz.audienceOrgId));
  const scopes = taker.orgPath.slice(Math.max(from, 0));
  const scope = query.orgId ? scopes.find((id) => String(id) === query.orgId) : quiz.audienceOrgId;
  if (!scope) throw outOfScope();
  const me = await StandingModel.findOne({
    quizId: quiz._id,
    memberId: new Types.ObjectId(taker.memberId),
  }).lean<StandingDoc>();
  return rankingIn(quiz, scope, scopes, query.limit, me);
}

/** Staff see the whole audience or any organisation within it. */
export async function staffRanking(quiz: QuizDoc, query: { orgId?: string; limit: number }): Promise<QuizRanking> {
  let scope = quiz.audienceOrgId;
  if (query.orgId) {
    const org = await findOrganization(query.orgId);
    if (!org || !org.path.some((id) => id.equals(quiz.audienceOrgId))) throw outOfScope();
    scope = org._id;
  }
  const children = await OrganizationModel.find({ parentId: quiz.audienceOrgId }, { _id: 1 })
    .sort({ sortOrder: 1, _id: 1 })
    .lean();
  return rankingIn(quiz, scope, [quiz.audienceOrgId, ...children.map((child) => child._id)], query.limit, null);
}

export async function participation(quiz: QuizDoc): Promise<QuizParticipation> {
  const children = await OrganizationModel.find({ parentId: quiz.audienceOrgId }, { _id: 1, name: 1 })
    .sort({ sortOrder: 1, _id: 1 })
    .lean();
  const orgIds = [quiz.audienceOrgId, ...children.map((child) => child._id)];
  // One pass over the participants' best results; members are counted per organisation by index.
  const [standings, members, names] = await Promise.all([
    StandingModel.find({ quizId: quiz._id, best: { $ne: null } }, { memberOrgPath: 1, 'best.score': 1 }).lean(),
    Promise.all(orgIds.map((orgId) => MemberModel.countDocuments({ orgPath: orgId, status: 'active' }))),
    organizationNames(orgIds),
  ]);
  const rows = orgIds.map((orgId, index) => {
    const mine = standings.filter((standing) => standing.memberOrgPath.some((id) => id.equals(orgId)));
    const total = mine.reduce((sum, standing) => sum + standing.best!.score, 0);
    const memberCount = members[index]!;
    return {
      orgId: String(orgId),
      orgName: names.get(String(orgId)) ?? '',
      members: memberCount,
      participants: mine.length,
      participationRate:
        memberCount === 0 ? null : Math.min(1, Math.round((mine.length / memberCount) * 10_000) / 10_000),
      averageScore: mine.length === 0 ? null : Math.round((total / mine.length) * 100) / 100,
    };
  });
  return {
    quizId: String(quiz._id),
    audienceOrgId: String(quiz.audienceOrgId),
    totals: rows[0]!,
    items: rows.slice(1),
  };
}
