/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import { z } from 'zod';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';
import { StaffEntrySchema } from './activities';

export const RemoveEntryRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明移除的原因（至少2个字）').max(200, '原因不能超过200个字'),
});

const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: '活动管理' } as const;

export const activityRosterEndpoints = {
  removeEntry: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities/:id/entries/:entryId/remove',
    summary: '组织者移除报名（须说明原因）：名额顺延给候补，已付费的退款',
    body: RemoveEntryRequestSchema,
    response: StaffEntrySchema,
  }),
};
