/** The caller as a quiz taker: their roster entry, and a quiz they may take (else 404). */
import { Types } from 'mongoose';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel } from '../membership/member.model';
import { QuizModel, type QuizDoc } from './quiz.model';
import { quizPolicy, requireMemberId, type MemberView } from './policy';

export interface Taker extends MemberView {
  name: string;
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
}

export async function takerOf(actor: Actor): Promise<Taker> {
  const memberId = requireMemberId(actor);
  const member = await MemberModel.findById(memberId, { name: 1, orgId: 1, orgPath: 1, status: 1 }).lean();
  if (!member) throw NotFoundError('会员不存在');
  return {
    memberId,
    name: member.name,
    orgId: member.orgId,
    orgPath: member.orgPath,
    active: member.status === 'active',
  };
}

/** A published or ended quiz the caller's roster entry puts them in the audience of. */
export async function takeableQuiz(actor: Actor, quizId: string): Promise<{ quiz: QuizDoc; taker: Taker }> {
  const [quiz, taker] = await Promise.all([QuizModel.findById(quizId).lean<QuizDoc>(), takerOf(actor)]);
  if (!quiz) throw NotFoundError('竞赛不存在');
  quizPolicy.authorize(actor, 'take', { quiz, member: taker });
  return { quiz, taker };
}
