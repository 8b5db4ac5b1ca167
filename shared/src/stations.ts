/** The rest-station finder: searching, using and managing 工会驿站. */
import { z } from 'zod';
import { AMENITY_CODES } from './amenities';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, OkSchema, pageOf } from './common';
import { defineEndpoint } from './endpoint';
import { OpeningHoursSchema } from './opening-hours';

export const STATION_TYPES = ['union_station', 'outdoor_worker_station', 'love_station', 'other'] as const;
export const StationTypeSchema = z.enum(STATION_TYPES, { error: '站点类型不正确' });
export type StationType = z.infer<typeof StationTypeSchema>;

/** `open` serves visitors (within its hours); `closed` is shut by staff until reopened. */
export const StationStatusSchema = z.enum(['open', 'closed']);

export const AmenityCodeSchema = z.enum(AMENITY_CODES, { error: '未知的服务设施' });

/** GCJ-02 coordinates, what WeChat's getLocation and <Map> use. */
export const LatLngSchema = z.object({
  lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
});
export type LatLng = z.infer<typeof LatLngSchema>;

/** Search radius cap: beyond this a rider is better served by picking a district. */
export const MAX_SEARCH_RADIUS_METERS = 20_000;
export const MAX_NEARBY_RESULTS = 50;
/** Markers drawn in one map view before they are clustered. */
export const MAX_MARKERS_IN_VIEW = 200;

const coordinate = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}应为数字` })
    .min(min, `${name}应在 ${min} 到 ${max} 之间`)
    .max(max, `${name}应在 ${min} 到 ${max} 之间`);

/** `amenities=toilet,microwave` in a query string. */
const AmenityListQuery = z
  .string()
  .max(400)
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(AmenityCodeSchema).max(AMENITY_CODES.length))
  .optional();

const BooleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const NearbyStationsQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90),
  lng: coordinate('经度', -180, 180),
  radius: z.coerce
    .number()
    .int()
    .min(100, '搜索半径至少 100 米')
    .max(MAX_SEARCH_RADIUS_METERS, `搜索半径最多 ${MAX_SEARCH_RADIUS_METERS / 1000} 公里`)
    .default(5000),
  limit: z.coerce.number().int().min(1).max(MAX_NEARBY_RESULTS, `最多返回 ${MAX_NEARBY_RESULTS} 个站点`).default(20),
  amenities: AmenityListQuery.describe('逗号分隔，须全部具备'),
  openNow: BooleanQuery.describe('只看营业中'),
  order: z
    .enum(['distance', 'openFirst'], { error: '排序方式不正确' })
    .default('distance')
    .describe('distance：按距离；openFirst：先列营业中的（按距离），不足数量时再列其余的（按距离）'),
});

export const StationsInViewQuerySchema = z
  .object({
    minLat: coordinate('纬度', -90, 90),
    minLng: coordinate('经度', -180, 180),
    maxLat: coordinate('纬度', -90, 90),
    maxLng: coordinate('经度', -180, 180),
    amenities: AmenityListQuery,
    openNow: BooleanQuery,
  })
  .refine((box) => box.minLat <= box.maxLat, { message: '地图范围不正确', path: ['maxLat'] });

export const StationOpeningSchema = z.object({
  openNow: z.boolean(),
  closingSoon: z.boolean(),
  closesInMinutes: z.number().int().nullable(),
  opensAt: DateTimeSchema.nullable(),
});

export const StationSummarySchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  type: StationTypeSchema,
  hostName: z.string().describe('承办单位，如某银行网点'),
  address: z.string(),
  location: LatLngSchema,
  phone: z.string(),
  amenities: z.array(AmenityCodeSchema),
  status: StationStatusSchema,
  opening: StationOpeningSchema,
  distanceMeters: z.number().int().nullable(),
  walkMinutes: z.number().int().nullable(),
  rideMinutes: z.number().int().nullable().describe('电动自行车约 15 公里/小时'),
});
export type StationSummary = z.infer<typeof StationSummarySchema>;

export const NearbyStationsSchema = z.object({ items: z.array(StationSummarySchema) });

export const MapMarkerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('station'),
    id: ObjectIdSchema,
    name: z.string(),
    location: LatLngSchema,
    openNow: z.boolean(),
  }),
  z.object({ kind: z.literal('cluster'), count: z.number().int(), location: LatLngSchema }),
]);
export const StationsInViewSchema = z.object({
  markers: z.array(MapMarkerSchema),
  total: z.number().int().describe('视野内符合条件的站点总数'),
});

export const StationPhotoSchema = z.object({ id: z.string(), url: z.string() });

export const StationDetailSchema = StationSummarySchema.extend({
  orgId: ObjectIdSchema,
  orgName: z.string(),
  hours: OpeningHoursSchema,
  photos: z.array(StationPhotoSchema),
  description: z.string(),
});
export type StationDetail = z.infer<typeof StationDetailSchema>;

export const StationDetailQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90).optional(),
  lng: coordinate('经度', -180, 180).optional(),
});

export const StationAreaSchema = z.object({
  orgId: ObjectIdSchema,
  name: z.string(),
  center: LatLngSchema,
  stationCount: z.number().int(),
});
export const StationAreasSchema = z.object({
  areas: z.array(StationAreaSchema).describe('按区县划分；定位不可用时供用户选择'),
  cityCenter: LatLngSchema.nullable(),
});

export const CheckInRequestSchema = z.object({
  stationCode: z.string().trim().min(1, '请扫描驿站二维码').max(200, '不是驿站二维码'),
});
export const CheckInResultSchema = z.object({
  stationId: ObjectIdSchema,
  stationName: z.string(),
  counted: z.boolean().describe('30 分钟内重复打卡不重复计数'),
  checkedInAt: DateTimeSchema,
});

export const FEEDBACK_KINDS = ['feedback', 'wish'] as const;
export const StationFeedbackRequestSchema = z.object({
  kind: z.enum(FEEDBACK_KINDS).default('feedback').describe('feedback 评价，wish 微心愿'),
  rating: z.number().int().min(1, '请选择 1-5 星').max(5, '请选择 1-5 星').nullable().default(null),
  comment: z.string().trim().max(200, '最多 200 字').default(''),
});
export const StationFeedbackSchema = z.object({
  id: ObjectIdSchema,
  stationId: ObjectIdSchema,
  kind: z.enum(FEEDBACK_KINDS),
  rating: z.number().int().nullable(),
  comment: z.string(),
  authorName: z.string().describe('脱敏后的姓名或“匿名骑手”'),
  createdAt: DateTimeSchema,
  status: z.enum(['open', 'handled']),
  reply: z.string().nullable(),
  repliedAt: DateTimeSchema.nullable(),
});

// ---- staff -----------------------------------------------------------------

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

export const StaffStationListQuerySchema = CursorPageQuerySchema.extend({
  q: z.string().trim().max(30).optional(),
  status: StationStatusSchema.optional(),
});

export const CloseStationRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明停用原因').max(100, '最多 100 字'),
});

export const WalkInRequestSchema = z.object({
  count: z.number().int().min(1, '人数至少为 1').max(200, '一次最多登记 200 人次'),
  /** Generated by the client once per tap, so a retried request is counted once. */
  requestId: z.string().regex(/^[\w-]{8,64}$/, '请求编号格式不正确'),
});

export const FeedbackReplyRequestSchema = z.object({
  reply: z.string().trim().max(200, '最多 200 字').default(''),
  handled: z.boolean().default(true),
});

export const StationStatsQuerySchema = z.object({
  orgId: ObjectIdSchema.optional().describe('默认为本人管辖的组织'),
  stationId: ObjectIdSchema.optional(),
  granularity: z.enum(['day', 'month']).default('day'),
  from: z.iso.date('日期格式应为 YYYY-MM-DD'),
  to: z.iso.date('日期格式应为 YYYY-MM-DD'),
});
export const StationStatsSchema = z.object({
  rows: z.array(z.object({ period: z.string(), checkIns: z.number().int(), walkIns: z.number().int() })),
  totals: z.object({ checkIns: z.number().int(), walkIns: z.number().int() }),
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

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
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

export const stationEndpoints = {
  nearby: defineEndpoint({
    method: 'get',
    path: '/api/stations/nearby',
    access: 'public',
    tag: '驿站',
    summary: '附近的驿站（按距离排序，可按设施和营业中筛选）',
    query: NearbyStationsQuerySchema,
    response: NearbyStationsSchema,
  }),
  inView: defineEndpoint({
    method: 'get',
    path: '/api/stations/in-view',
    access: 'public',
    tag: '驿站',
    summary: '地图视野内的驿站标记（过多时聚合）',
    query: StationsInViewQuerySchema,
    response: StationsInViewSchema,
  }),
  areas: defineEndpoint({
    method: 'get',
    path: '/api/stations/areas',
    access: 'public',
    tag: '驿站',
    summary: '按区县的驿站分布中心（无法定位时选择区域）',
    response: StationAreasSchema,
  }),
  detail: defineEndpoint({
    method: 'get',
    path: '/api/stations/:id',
    access: 'public',
    tag: '驿站',
    summary: '驿站详情',
    query: StationDetailQuerySchema,
    response: StationDetailSchema,
  }),
  checkIn: defineEndpoint({
    method: 'post',
    path: '/api/station-check-ins',
    access: 'user',
    tag: '驿站',
    summary: '扫描驿站二维码进站打卡',
    body: CheckInRequestSchema,
    response: CheckInResultSchema,
  }),
  giveFeedback: defineEndpoint({
    method: 'post',
    path: '/api/stations/:id/feedback',
    access: 'user',
    tag: '驿站',
    summary: '评价驿站或提交微心愿',
    body: StationFeedbackRequestSchema,
    response: StationFeedbackSchema,
  }),
  staffList: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations',
    access: 'staff',
    tag: '驿站管理',
    summary: '管辖范围内的驿站',
    query: StaffStationListQuerySchema,
    response: pageOf(StationDetailSchema),
  }),
  create: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations',
    access: 'staff',
    tag: '驿站管理',
    summary: '新建驿站',
    body: StationInputSchema,
    response: StationDetailSchema,
  }),
  update: defineEndpoint({
    method: 'put',
    path: '/api/staff/stations/:id',
    access: 'staff',
    tag: '驿站管理',
    summary: '修改驿站（含开放时间与例外日期）',
    body: StationInputSchema,
    response: StationDetailSchema,
  }),
  close: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/close',
    access: 'staff',
    tag: '驿站管理',
    summary: '关闭驿站（暂停服务）',
    body: CloseStationRequestSchema,
    response: StationDetailSchema,
  }),
  reopen: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/reopen',
    access: 'staff',
    tag: '驿站管理',
    summary: '恢复开放',
    response: StationDetailSchema,
  }),
  recordWalkIns: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/walk-ins',
    access: 'staff',
    tag: '驿站管理',
    summary: '站长登记未扫码的来访人次',
    body: WalkInRequestSchema,
    response: OkSchema,
  }),
  feedbackList: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/:id/feedback',
    access: 'staff',
    tag: '驿站管理',
    summary: '驿站收到的评价与微心愿',
    response: z.object({ items: z.array(StationFeedbackSchema) }),
  }),
  replyFeedback: defineEndpoint({
    method: 'post',
    path: '/api/staff/station-feedback/:id/reply',
    access: 'staff',
    tag: '驿站管理',
    summary: '回复评价或标记微心愿已办理',
    body: FeedbackReplyRequestSchema,
    response: StationFeedbackSchema,
  }),
  uploadPhoto: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/:id/photos',
    access: 'staff',
    tag: '驿站管理',
    summary: '上传驿站照片（JPEG/PNG/WebP，按文件内容识别）',
    rawBody: { contentTypes: PHOTO_CONTENT_TYPES, maxBytes: MAX_PHOTO_BYTES },
    response: StationDetailSchema,
  }),
  deletePhoto: defineEndpoint({
    method: 'delete',
    path: '/api/staff/stations/:id/photos/:photoId',
    access: 'staff',
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
  qrPoster: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/:id/qr-poster',
    access: 'staff',
    tag: '驿站管理',
    summary: '打卡二维码海报（PNG，可打印张贴）',
    response: z.unknown(),
    rawResponse: { contentType: 'image/png' },
  }),
  importSheet: defineEndpoint({
    method: 'post',
    path: '/api/staff/stations/import',
    access: 'staff',
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
    tag: '驿站管理',
    summary: '本工会最近的导入任务（最新在前，最多 10 个），页面打开时据此显示进行中的导入',
    response: StationImportJobListSchema,
  }),
  importJob: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/import-jobs/:id',
    access: 'staff',
    tag: '驿站管理',
    summary: '导入任务的进度与结果（已处理行数 / 总行数、跳过的行、最终报告）',
    response: StationImportJobSchema,
  }),
  exportSheet: defineEndpoint({
    method: 'get',
    path: '/api/staff/stations/export',
    access: 'staff',
    tag: '驿站管理',
    summary: '导出管辖范围内的驿站（与导入相同的表格格式）',
    response: z.unknown(),
    rawResponse: { contentType: SHEET_CONTENT_TYPES[0] },
  }),
  stats: defineEndpoint({
    method: 'get',
    path: '/api/staff/station-stats',
    access: 'staff',
    tag: '驿站管理',
    summary: '驿站服务人次（按日或按月）',
    query: StationStatsQuerySchema,
    response: StationStatsSchema,
  }),
};
