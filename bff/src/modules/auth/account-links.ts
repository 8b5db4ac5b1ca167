/**
 * What `/api/me` shows of an account's ties to the modules above auth: its member and latest
 * join application (membership) and the merchant it redeems for (merchants). Auth is the
 * lowest module and imports none of them; the wiring (app-context.ts) hands the lookups in.
 */
import type { JoinApplicationStatus, MemberStatus } from '@union/shared';
import type { Types } from 'mongoose';

export interface LinkedMember {
  _id: Types.ObjectId;
  memberNo: string;
  name: string;
  orgId: Types.ObjectId;
  status: MemberStatus;
}

export interface LinkedJoinApplication {
  _id: Types.ObjectId;
  status: JoinApplicationStatus;
  orgId: Types.ObjectId;
}

export interface LinkedMerchant {
  _id: Types.ObjectId;
  name: string;
}

export interface AccountLinks {
  member(memberId: Types.ObjectId): Promise<LinkedMember | null>;
  latestJoinApplication(accountId: Types.ObjectId): Promise<LinkedJoinApplication | null>;
  merchant(merchantId: Types.ObjectId): Promise<LinkedMerchant | null>;
}
