import { maskName, type StationFeedbackSchema } from '@union/shared';
import type { z } from 'zod';
import { MemberModel } from '../membership/member.model';
import type { StationFeedbackDoc } from './feedback.model';

export const ANONYMOUS_AUTHOR = '匿名骑手';

/** Staff see who wrote, masked: the member's masked name, or 匿名骑手 for someone not on the roster. */
export async function presentFeedbacks(
  feedbacks: StationFeedbackDoc[],
): Promise<z.output<typeof StationFeedbackSchema>[]> {
  const memberIds = [
    ...new Set(feedbacks.flatMap((feedback) => (feedback.memberId ? [String(feedback.memberId)] : []))),
  ];
  const members = memberIds.length
    ? await MemberModel.find({ _id: { $in: memberIds } }, { name: 1 }).lean<{ _id: unknown; name: string }[]>()
    : [];
  const names = new Map(members.map((member) => [String(member._id), member.name]));
  return feedbacks.map((feedback) => {
    const name = feedback.memberId ? names.get(String(feedback.memberId)) : undefined;
    return {
      id: String(feedback._id),
      stationId: String(feedback.stationId),
      kind: feedback.kind,
      rating: feedback.rating ?? null,
      comment: feedback.comment,
      authorName: name ? maskName(name) : ANONYMOUS_AUTHOR,
      createdAt: feedback.createdAt.toISOString(),
      status: feedback.status,
      reply: feedback.reply ?? null,
      repliedAt: feedback.repliedAt ? feedback.repliedAt.toISOString() : null,
    };
  });
}

export async function presentFeedback(feedback: StationFeedbackDoc) {
  return (await presentFeedbacks([feedback]))[0]!;
}
