/** Staff managing stations: the editor, photos, and the sheet import and export. */
import { z } from 'zod';
import { AMENITY_CODES } from '../amenities';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf } from '../common';
import { defineEndpoint } from '../endpoint';
import { OpeningHoursSchema } from '../opening-hours';
import { STATION_OPERATOR_ROLES, UNION_OFFICE_ROLES } from '../roles';
import {
  AmenityCodeSchema,
  MAX_PHOTO_BYTES,
  PHOTO_CONTENT_TYPES,
  LatLngSchema,
  StationDetailSchema,
  StationStatusSchema,
  StationTypeSchema,
} from './stations';

export const StationInputSchema = z.object({
  name: z.string().trim().min(2, '站点名称至少 2 个字').max(40, '站点名称最多 40 个字'),
  type: StationTypeSchema,
  hostName: z.string().trim().max(40, '承办单位最多 40 个字').default(''),
  address: z.string().trim().min(4, '请填写详细地址').max(80, '地址最多 80 个字'),
  location: LatLngSchema,
  orgId: ObjectIdSchema.describe('所属工会组织，须在本人管辖范围内'),
  phone: z
    .string()
    .trim()
    .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})?$/, '联系电话应为手机号或带区号的固定电话')
    .default(''),
  amenities: z.array(AmenityCodeSchema).max(AMENITY_CODES.length).default([]),
  hours: OpeningHoursSchema,
  description: z.string().trim().max(300, '简介最多 300 字').default(''),
});
export type StationInput = z.input<typeof StationInputSchema>;
/** A station input once checked (defaults filled in). */
export type StationInputValues = z.output<typeof StationInputSchema>;

export const StaffStationListQuerySchema = CursorPageQuerySchema.extend({
  q: z.string().trim().max(30).optional(),
  status: StationStatusSchema.optional(),
});

export const CloseStationRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明停用原因').max(100, '最多 100 字'),
});

export const ImportProblemSchema = z.object({
  row: z.number().int().describe('表格中的行号（含表头，从 1 开始）'),
  column: z.string(),
  message: z.string(),
});
/** A sheet longer than this is split by the office; a city's whole list is a few hundred to a few thousand. */
export const MAX_IMPORT_ROWS = 5000;
/** A clean sheet up to this many rows is written before the commit request answers; longer ones in the background. */
export const INLINE_IMPORT_ROWS = 200;
/** The import report keeps at most this many problems (the count is always exact). */
export const MAX_IMPORT_JOB_PROBLEMS = 200;

export const StationImportJobStatusSchema = z
  .enum(['queued', 'running', 'done', 'failed'])
  .describe('queued 排队中；running 导入中；done 已完成；failed 失败（已写入的站点全部撤销）');

/** A committed sheet being written in the background: one per union office at a time, resumed after a restart. */
export const StationImportJobSchema = z.object({
  id: ObjectIdSchema,
  status: StationImportJobStatusSchema,
  fileName: z.string(),
  total: z.number().int().describe('要导入的行数'),
  done: z.number().int().describe('已处理的行数（含跳过的行）'),
  created: z.number().int().describe('已新建的站点数'),
  skipped: z.number().int().describe('导入时发现已有同名同地址驿站而跳过的行数'),
  problems: z.array(ImportProblemSchema).describe(`跳过的行及原因（最多 ${MAX_IMPORT_JOB_PROBLEMS} 条）`),
  failure: z.string().nullable().describe('失败原因（status 为 failed 时）'),
  createdBy: z.string().describe('发起导入的账号'),
  createdAt: DateTimeSchema,
  startedAt: DateTimeSchema.nullable(),
  finishedAt: DateTimeSchema.nullable(),
});
export type StationImportJob = z.infer<typeof StationImportJobSchema>;

export const StationImportResultSchema = z.object({
  mode: z.enum(['dry-run', 'commit']),
  rows: z.number().int(),
  validRows: z.number().int(),
  problems: z.array(ImportProblemSchema),
  created: z
    .number()
    .int()
    .describe(
      `导入模式下已新建的站点数；有任何错误则为 0（全部不导入）。超过 ${INLINE_IMPORT_ROWS} 行的表格在后台导入，此时为 0，进度见 job`,
    ),
  job: StationImportJobSchema.nullable().describe('导入任务（试导入或有错误时为 null）；查询进度用 importJob'),
});

export const StationImportJobListSchema = z.object({ items: z.array(StationImportJobSchema) });

export const MAX_PHOTOS_PER_STATION = 9;
export const SHEET_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
] as const;
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

export const StationImportQuerySchema = z.object({
  mode: z.enum(['dry-run', 'commit']).default('dry-run'),
  orgId: ObjectIdSchema.optional().describe('“所属工会”一栏为空时归入的组织'),
  fileName: z.string().trim().max(120, '文件名不能超过 120 个字').optional().describe('表格的文件名，显示在导入记录中'),
});

export const stationAdminEndpoints = {
  staffList: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations',
    access: 'staff',
    roles: STATION_OPERATOR_ROLES,
    tag: '驿站管理',
    summary: '管辖范围内的驿站',
    query: StaffStationListQuerySchema,
    response: pageOf(StationDetailSchema),
  }),
  exportSheet: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/export',
    access: 'staff',
    roles: STATION_OPERATOR_ROLES,
    rateLimit: { name: 'station-export', points: 30, durationSeconds: 600 },
    tag: '驿站管理',
    summary: '导出管辖范围内的驿站（与导入相同的表格格式）',
    response: z.unknown(),
    rawResponse: { contentType: SHEET_CONTENT_TYPES[0] },
  }),
  importSheet: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/import',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'station-import', points: 30, durationSeconds: 600 },
    tag: '驿站管理',
    summary:
      '批量导入驿站（.xlsx 或 .csv）：先试导入检查每一行，再全部导入或全部不导入。导入超过 200 行时立即返回 202 和导入任务，在后台分批写入',
    query: StationImportQuerySchema,
    rawBody: { contentTypes: SHEET_CONTENT_TYPES, maxBytes: MAX_SHEET_BYTES },
    response: StationImportResultSchema,
    accepted: `导入超过 ${INLINE_IMPORT_ROWS} 行的干净表格时，job 为刚建立的导入任务，用 importJob 查询进度`,
  }),
  importJobs: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/import-jobs',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '本工会最近的导入任务（最新在前，最多 10 个），页面打开时据此显示进行中的导入',
    response: StationImportJobListSchema,
  }),
  importJob: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/import-jobs/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '导入任务的进度与结果（已处理行数 / 总行数、跳过的行、最终报告）',
    response: StationImportJobSchema,
  }),
  create: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '新建驿站',
    body: StationInputSchema,
    response: StationDetailSchema,
  }),
  update: defineEndpoint({
    method: 'put',
    path: '/api/staff/stations/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '修改驿站（含开放时间与例外日期）',
    body: StationInputSchema,
    response: StationDetailSchema,
  }),
  close: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/close',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '关闭驿站（暂停服务）',
    body: CloseStationRequestSchema,
    response: StationDetailSchema,
  }),
  reopen: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/reopen',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '恢复开放',
    response: StationDetailSchema,
  }),
  uploadPhoto: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/photos',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'station-photo', points: 60, durationSeconds: 600 },
    tag: '驿站管理',
    summary: '上传驿站照片（JPEG/PNG/WebP，按文件内容识别）',
    rawBody: { contentTypes: PHOTO_CONTENT_TYPES, maxBytes: MAX_PHOTO_BYTES },
    response: StationDetailSchema,
  }),
  deletePhoto: defineEndpoint({
    method: 'delete',
    path: '/api/staff/stations/:id/photos/:photoId',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '驿站管理',
    summary: '删除驿站照片',
    response: StationDetailSchema,
  }),
  photo: defineEndpoint({
    method: 'get',
    path: '/api/station-photos/:photoId',
    access: 'public',
    tag: '驿站',
    summary: '驿站照片',
    response: z.unknown(),
    rawResponse: { contentType: 'image/*' },
  }),
};
