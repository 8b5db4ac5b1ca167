/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import { z } from 'zod';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';
import { StaffEntrySchema } from './activities';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES } from './stations';

export const RemoveEntryRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明移除的原因（至少2个字）').max(200, '原因不能超过200个字'),
});

/**
 * The roster export: masked names, phone and ID numbers by default; with `revealReason` the full
 * values, the reason and the person recorded in the event trail (as revealing an aid applicant's number).
 */
export const RosterExportQuerySchema = z.object({
  status: z.enum(['all', 'confirmed', 'waitlisted']).default('all'),
  revealReason: z
    .string()
    .trim()
    .min(2, '查看完整信息请说明原因（至少2个字）')
    .max(200, '原因不能超过200个字')
    .optional(),
});

export const ROSTER_SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
  exportRoster: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activities/:id/roster',
    rateLimit: { name: 'activity-roster', points: 30, durationSeconds: 600 },
    summary: '导出报名名单（.xlsx）：默认脱敏；说明原因后导出完整姓名、手机号与证件号并留痕',
    query: RosterExportQuerySchema,
    response: z.unknown(),
    rawResponse: { contentType: ROSTER_SPREADSHEET_TYPE },
  }),
  uploadPoster: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/activities/:id/poster',
    rateLimit: { name: 'activity-poster', points: 60, durationSeconds: 600 },
    summary: '上传活动海报（JPEG/PNG/WebP，按内容识别）',
    rawBody: { contentTypes: PHOTO_CONTENT_TYPES, maxBytes: MAX_PHOTO_BYTES },
    response: z.object({ posterUrl: z.string() }),
  }),
  poster: defineEndpoint({
    method: 'get',
    path: '/api/activities/:id/poster',
    access: 'public',
    tag: '活动报名',
    summary: '活动海报图片（草稿的海报只凭组织者拿到的带版本地址查看）',
    query: z.object({ v: z.string().max(64).optional().describe('海报版本：每次上传都会变化') }),
    response: z.unknown(),
    rawResponse: { contentType: 'image/*' },
  }),
};
