import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from './member.model';
import { memberNotFound, membershipPolicy } from './policy';

/** A member the caller may read; anyone else's looks exactly like a missing one. */
export async function memberForReading(actor: Actor, id: string): Promise<MemberDoc> {
  const member = await MemberModel.findById(id).lean<MemberDoc>();
  if (!member) throw memberNotFound();
  membershipPolicy.authorize(actor, 'readMember', member);
  return member;
}

export async function boundMember(actor: Actor): Promise<MemberDoc | null> {
  if (!actor.memberId) return null;
  return MemberModel.findById(actor.memberId).lean<MemberDoc>();
}
