/** Membership's vocabulary: a member's status, occupations, and where a join application stands. */
import { z } from 'zod';

export const MEMBER_STATUSES = ['active', 'suspended', 'transferred'] as const;
export const MemberStatusSchema = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

/** New-employment-form workers (新就业形态): offered the industry unions that organise them first. */
export const NEW_EMPLOYMENT_FORM_OCCUPATIONS = [
  'rider',
  'courier',
  'ride_hailing_driver',
  'truck_driver',
  'domestic_worker',
  'other_flexible',
] as const;
/** Employees of a workplace, and the new-employment-form workers unions now organise. */
export const OCCUPATIONS = ['employee', ...NEW_EMPLOYMENT_FORM_OCCUPATIONS] as const;
export const OccupationSchema = z.enum(OCCUPATIONS, { error: '请选择职业类别' });
export type Occupation = z.infer<typeof OccupationSchema>;
/** The occupations' names as members know them (forms, "仅限外卖骑手、快递员" lines). */
export const OCCUPATION_LABELS: Record<Occupation, string> = {
  employee: '单位职工',
  rider: '外卖骑手',
  courier: '快递员',
  ride_hailing_driver: '网约车司机',
  truck_driver: '货车司机',
  domestic_worker: '家政服务员',
  other_flexible: '其他新就业形态',
};

export const JOIN_APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const JoinApplicationStatusSchema = z.enum(JOIN_APPLICATION_STATUSES);
export type JoinApplicationStatus = z.infer<typeof JoinApplicationStatusSchema>;
