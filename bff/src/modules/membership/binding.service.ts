import type { BindMemberRequestSchema } from '@union/shared';
import type { z } from 'zod';
import type { FieldCipher } from '../../crypto/field-encryption';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { MemberModel, type MemberDoc } from './member.model';

type BindInput = z.output<typeof BindMemberRequestSchema>;

const accountAlreadyBound = () => ConflictError('您的微信账号已绑定其他会员', 'account_already_bound');
const memberAlreadyBound = () =>
  ConflictError('该会员已绑定其他微信账号；如需换绑，请联系所在工会', 'member_already_bound');

/** Only other accounts' failed claims make a bind try again; each ends with a bound account. */
const MAX_BIND_ATTEMPTS = 10;

/**
 * Binds the caller's WeChat account to the roster entry matching name, ID number
 * and mobile. Binding the same pair again is a no-op, so a retried request succeeds.
 */
export async function bindMember(actor: Actor, input: BindInput, cipher: FieldCipher): Promise<MemberDoc> {
  if (actor.kind !== 'wechat') throw ForbiddenError('请使用微信账号进行实名绑定');
  const member = await MemberModel.findOne({
    idNumberIndex: cipher.blindIndex('idNumber', input.idNumber),
  }).lean<MemberDoc>();
  if (!member) {
    throw NotFoundError('会员名册中没有找到您的信息。如果您还不是工会会员，可以在线申请入会');
  }
  const sameName = member.name === input.name;
  const sameMobile = member.mobileIndex === cipher.blindIndex('mobile', input.mobile);
  if (!sameName || !sameMobile) {
    throw BadRequestError(
      '姓名或手机号与会员名册登记的信息不一致，请核对；如手机号已更换，请联系所在工会更新',
      'identity_mismatch',
    );
  }
  if (String(member.boundAccountId) === actor.accountId) {
    // A retry after a half-finished bind completes the account's side too. Checked even when
    // the account already holds a member: a parallel bind of another member by this account
    // may hold this one for a moment before giving it back, and must not pass as this bind.
    await claimAccountFor(actor, member);
    return member;
  }
  if (member.boundAccountId) throw memberAlreadyBound();
  if (actor.memberId) throw accountAlreadyBound();

  // Two atomic claims instead of a transaction (see README: concurrency): first the
  // member, then the account; if the account lost a race, the member is released.
  for (let attempt = 1; ; attempt++) {
    const bound = await updateIfAndRead(
      MemberModel,
      { key: { _id: member._id }, when: { boundAccountId: null } },
      { $set: { boundAccountId: actor.accountId } },
    );
    if (bound) {
      try {
        await claimAccountFor(actor, member);
      } catch (error) {
        await MemberModel.updateOne(
          { _id: member._id, boundAccountId: actor.accountId },
          { $set: { boundAccountId: null } },
        );
        throw error;
      }
      return bound;
    }
    // Lost the member claim. To a parallel request of this same account: then this one is a
    // retry, not a rival, and finishes (or confirms) the account's side like one.
    const now = await MemberModel.findById(member._id).lean<MemberDoc>();
    if (now && String(now.boundAccountId) === actor.accountId) {
      await claimAccountFor(actor, now);
      return now;
    }
    if (!now || now.boundAccountId) throw memberAlreadyBound();
    // Free again: the claim that beat this one was released because its account turned out to
    // be bound to another member. If that account is this one, that is the answer; otherwise
    // (another account gave up) the member is still to be had.
    const account = await AccountModel.findById(actor.accountId, { memberId: 1 }).lean();
    if (account?.memberId && String(account.memberId) !== String(member._id)) throw accountAlreadyBound();
    if (attempt >= MAX_BIND_ATTEMPTS) throw ConflictError('正在处理其他绑定请求，请稍后重试', 'bind_busy');
  }
}

async function claimAccountFor(actor: Actor, member: MemberDoc): Promise<void> {
  const claimed = await updateIf(
    AccountModel,
    { key: { _id: actor.accountId }, when: { memberId: null } },
    { $set: { memberId: member._id } },
  );
  if (claimed) return;
  // Already bound to this very member (a parallel request of the same bind got there first) is
  // success: failing here would make that request release the member it had just bound.
  const account = await AccountModel.findById(actor.accountId, { memberId: 1 }).lean();
  if (String(account?.memberId) !== String(member._id)) throw accountAlreadyBound();
}
