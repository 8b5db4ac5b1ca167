/** Labels for contract enums that several pages show. */
import type { JoinApplicationStatus, MemberStatus, Role } from '@union/shared';

export { OCCUPATION_LABELS } from '@union/shared';

export const JOIN_STATUS_LABELS: Record<JoinApplicationStatus, string> = {
  pending: '待审核',
  approved: '已批准',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: '正常',
  suspended: '已暂停',
  transferred: '已转出',
};

export const ROLE_LABELS: Record<Role, string> = {
  member: '会员',
  union_staff: '工会工作人员',
  union_admin: '工会管理员',
  station_keeper: '驿站管理员',
  merchant_staff: '普惠商户店员',
};
