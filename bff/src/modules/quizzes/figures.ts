/**
 * The knowledge quizzes' metric the cadres' figures count (registered in connect-modules.ts).
 */
import type { Types } from 'mongoose';
import type { FigureMetric } from '../figures/metrics';
import { markFigureChanged } from '../figures/counters';
import { AttemptModel, type AttemptDoc } from './attempt.model';
import { StandingModel } from './standing.model';

const FINISHED = ['submitted', 'expired'];
/** The longest time limit a quiz may set (the contract's 180 minutes): a paper is finished by its deadline. */
const LONGEST_PAPER_MS = 180 * 60_000;

/**
 * 参与人数 (of the quiz report, ranking.service's `participation`): members whose standing holds a
 * best result, i.e. who finished at least one attempt (submitted, or expired and graded on what
 * it saved) — each once per quiz, on the day of their first finished attempt, by the org the
 * standing recorded for them (the report's memberOrgPath), keyed by the quiz id.
 */
export const quizParticipants: FigureMetric = {
  name: 'quizzes.participants',
  async *records({ from, to, orgId }) {
    // An attempt finishes by its deadline, at most a paper's length after it started: the
    // { status, deadline } index finds the attempts finished in the range.
    const finished = AttemptModel.find(
      {
        status: { $in: FINISHED },
        deadline: { $gte: from, $lt: new Date(to.getTime() + LONGEST_PAPER_MS) },
        submittedAt: { $gte: from, $lt: to },
      },
      { quizId: 1, memberId: 1, submittedAt: 1 },
    )
      .lean<Pick<AttemptDoc, 'quizId' | 'memberId' | 'submittedAt'>[]>()
      .cursor();
    const firsts = new Map<string, { quizId: Types.ObjectId; memberId: Types.ObjectId; at: Date }>();
    for await (const attempt of finished) {
      const pair = `${String(attempt.quizId)}:${String(attempt.memberId)}`;
      const known = firsts.get(pair);
      if (!known || attempt.submittedAt! < known.at) {
        firsts.set(pair, { quizId: attempt.quizId, memberId: attempt.memberId, at: attempt.submittedAt! });
      }
    }
    for (const first of firsts.values()) {
      const standing = await StandingModel.findOne(
        { quizId: first.quizId, memberId: first.memberId, best: { $ne: null } },
        { memberOrgId: 1, memberOrgPath: 1 },
      ).lean();
      if (!standing || (orgId && !standing.memberOrgId.equals(orgId))) continue;
      // Finished before the range: the member took part on an earlier day.
      const earlier = await AttemptModel.exists({
        quizId: first.quizId,
        memberId: first.memberId,
        status: { $in: FINISHED },
        submittedAt: { $lt: from },
      });
      if (earlier) continue;
      yield {
        orgId: standing.memberOrgId,
        orgPath: standing.memberOrgPath,
        at: first.at,
        amount: 1,
        key: String(first.quizId),
      };
    }
  },
};

/** After an attempt finished (submitted, or graded by the sweep or on sight): its day's participants. */
export async function markQuizParticipation(attempt: Pick<AttemptDoc, 'quizId' | 'memberId' | 'submittedAt'>) {
  if (!attempt.submittedAt) return;
  const standing = await StandingModel.findOne(
    { quizId: attempt.quizId, memberId: attempt.memberId },
    { memberOrgId: 1, memberOrgPath: 1 },
  ).lean();
  if (!standing) return;
  await markFigureChanged('quizzes.participants', {
    orgId: standing.memberOrgId,
    orgPath: standing.memberOrgPath,
    at: attempt.submittedAt,
  });
}
