/**
 * Activities (活动报名): organisers creating and running activities within their org subtree,
 * members finding activities open to them, signing up to a group, and 我的活动 (cancel, confirm
 * an offered place). Allocation, statuses and eligibility rules live in activity-*.ts.
 */
import { z } from 'zod';
import { ActivityQuestionsSchema } from '../activity-questions';
import { ActivityKindSchema, AllocationModeSchema, EntryStatusSchema, EntryTabSchema } from '../activity-rules';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { OCCUPATIONS } from '../membership';
import { UNION_OFFICE_ROLES } from '../roles';

export const ACTIVITY_STATUSES = ['draft', 'published', 'paused', 'cancelled'] as const;
export const ActivityStatusSchema = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatusSchema>;

export const MAX_ACTIVITY_GROUPS = 20;
export const MAX_ACTIVITY_SESSIONS = 60;
export const MAX_GROUP_CAPACITY = 10_000;

const GroupKeySchema = z.string().regex(/^[a-z0-9_-]{1,32}$/, '组别编号应为1至32位小写字母、数字、下划线或短横线');

export const ActivityGroupInputSchema = z.object({
  /** Stable across edits; a new group may leave it out and is given one. */
  id: GroupKeySchema.optional(),
  name: z.string().trim().min(1, '请填写组别名称').max(30, '组别名称最多30个字'),
  capacity: z
    .number({ error: '请填写名额' })
    .int('名额应为整数')
    .min(1, '名额至少为1')
    .max(MAX_GROUP_CAPACITY, `名额最多${MAX_GROUP_CAPACITY}`),
  allocation: AllocationModeSchema,
  /** Null for individual entries; a team group's entry is one team (队伍) of min–max members. */
  team: z
    .object({
      min: z.number({ error: '请填写队伍最少人数' }).int().min(2, '队伍至少2人').max(50, '队伍最多50人'),
      max: z.number({ error: '请填写队伍最多人数' }).int().min(2, '队伍至少2人').max(50, '队伍最多50人'),
    })
    .refine((team) => team.min <= team.max, { message: '最少人数不能大于最多人数', path: ['min'] })
    .nullable()
    .default(null),
});

/** What one entry costs, in fen. The union's subsidy is paid to the organiser, never by the member. */
export const ActivityFeeInputSchema = z
  .object({
    priceFen: z.number({ error: '请填写费用' }).int('金额以分为单位，应为整数').min(0).max(1_000_000, '费用最多1万元'),
    subsidyFen: z.number().int('金额以分为单位，应为整数').min(0).default(0),
  })
  .refine((fee) => fee.subsidyFen <= fee.priceFen, { message: '工会补贴不能超过费用', path: ['subsidyFen'] });

/**
 * Published lottery weights (抽签权重) by priority tag; 1 is neutral. The tags are decided by the
 * BFF from the roster and the member's history, and shown beside every entry in the result.
 */
export const LotteryWeightsSchema = z.object({
  newEmploymentForm: z.number().min(1, '权重不能小于1').max(5, '权重最多为5').default(1).describe('新就业形态劳动者'),
  firstTime: z.number().min(1, '权重不能小于1').max(5, '权重最多为5').default(1).describe('此前从未中签'),
  repeatedNoShow: z
    .number()
    .min(0.1, '权重不能小于0.1')
    .max(1, '缺席权重不能大于1')
    .default(1)
    .describe('近一年缺席达到次数'),
  repeatedNoShowAfter: z.number().int().min(1).max(10).default(2).describe('近一年缺席几次起降权'),
});
export type LotteryWeights = z.infer<typeof LotteryWeightsSchema>;
export const NEUTRAL_LOTTERY_WEIGHTS: LotteryWeights = {
  newEmploymentForm: 1,
  firstTime: 1,
  repeatedNoShow: 1,
  repeatedNoShowAfter: 2,
};

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

export const ActivitySessionInputSchema = z
  .object({
    date: z.iso.date('日期格式应为 YYYY-MM-DD'),
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
  })
  .refine((session) => session.start < session.end, { message: '结束时间应晚于开始时间', path: ['end'] });

export const ActivityVenueSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('online'), name: z.string().trim().max(60, '名称最多60个字').default('线上') }),
    z.object({
      kind: z.literal('place'),
      name: z.string().trim().min(1, '请填写场地名称').max(60, '场地名称最多60个字'),
      address: z.string().trim().min(1, '请填写地址').max(120, '地址最多120个字'),
      location: z
        .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
        .describe('GCJ-02 坐标'),
    }),
  ],
  { error: '请选择线下场地或线上' },
);

export const ActivityAudienceInputSchema = z
  .object({
    orgId: ObjectIdSchema.optional().describe('面向的组织（本级或下级），默认为主办组织'),
    occupations: z.array(z.enum(OCCUPATIONS)).max(OCCUPATIONS.length).default([]),
    gender: z.enum(['male', 'female']).nullable().default(null),
    minAge: z.number().int().min(0).max(120).nullable().default(null),
    maxAge: z.number().int().min(0).max(120).nullable().default(null),
    hardshipFamiliesOnly: z.boolean().default(false).describe('仅限困难职工家庭（近一年获得帮扶）'),
  })
  .refine((audience) => audience.minAge === null || audience.maxAge === null || audience.minAge <= audience.maxAge, {
    message: '最小年龄不能大于最大年龄',
    path: ['minAge'],
  });

export const ActivityInputSchema = z
  .object({
    title: z.string().trim().min(2, '标题至少2个字').max(40, '标题最多40个字'),
    kind: ActivityKindSchema,
    description: z.string().trim().max(2000, '活动介绍最多2000字').default(''),
    orgId: ObjectIdSchema.describe('主办组织：须在本人管辖范围内'),
    venue: ActivityVenueSchema,
    sessions: z
      .array(ActivitySessionInputSchema)
      .min(1, '至少安排一场活动')
      .max(MAX_ACTIVITY_SESSIONS, `最多${MAX_ACTIVITY_SESSIONS}场`),
    groups: z
      .array(ActivityGroupInputSchema)
      .min(1, '至少设置一个组别')
      .max(MAX_ACTIVITY_GROUPS, `最多${MAX_ACTIVITY_GROUPS}个组别`),
    audience: ActivityAudienceInputSchema.default({
      occupations: [],
      gender: null,
      minAge: null,
      maxAge: null,
      hardshipFamiliesOnly: false,
    }),
    questions: ActivityQuestionsSchema.default([]),
    fee: ActivityFeeInputSchema.default({ priceFen: 0, subsidyFen: 0 }),
    /** A course's completion rule: attended at least this many sessions; null means every session. */
    requiredSessions: z.number().int().min(1, '至少出勤1次').nullable().default(null),
    lotteryWeights: LotteryWeightsSchema.default(NEUTRAL_LOTTERY_WEIGHTS),
    signUpOpensAt: DateTimeSchema,
    signUpClosesAt: DateTimeSchema,
    cancelDeadline: DateTimeSchema,
    offerHoldHours: z.number().int().min(1, '确认时限至少1小时').max(72, '确认时限最多72小时').default(12),
  })
  .refine((input) => Date.parse(input.signUpOpensAt) < Date.parse(input.signUpClosesAt), {
    message: '报名截止时间应晚于开始时间',
    path: ['signUpClosesAt'],
  })
  .refine((input) => Date.parse(input.cancelDeadline) >= Date.parse(input.signUpOpensAt), {
    message: '取消截止时间不能早于报名开始时间',
    path: ['cancelDeadline'],
  })
  .refine((input) => input.requiredSessions === null || input.requiredSessions <= input.sessions.length, {
    message: '出勤要求不能多于场次数',
    path: ['requiredSessions'],
  })
  .refine(
    (input) =>
      new Set(input.groups.flatMap((group) => group.id ?? [])).size === input.groups.filter((group) => group.id).length,
    {
      message: '组别编号不能重复',
      path: ['groups'],
    },
  );
export type ActivityInput = z.infer<typeof ActivityInputSchema>;
/** What a client sends: defaults may be left out. */
export type ActivityInputDraft = z.input<typeof ActivityInputSchema>;

export const ActivitySessionSchema = z.object({
  date: z.string(),
  start: z.string(),
  end: z.string(),
  startsAt: DateTimeSchema,
  endsAt: DateTimeSchema,
});

export const ActivityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  allocation: AllocationModeSchema,
  allocationLabel: z.string(),
  placesLeft: z.number().int(),
  waitlistLength: z.number().int(),
  team: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
});

export const ActivityFeeSchema = z.object({
  priceFen: z.number().int(),
  subsidyFen: z.number().int(),
  memberPaysFen: z.number().int().describe('会员实付'),
});

export const ActivityAudienceSchema = z.object({
  orgId: ObjectIdSchema,
  orgName: z.string(),
  occupations: z.array(z.enum(OCCUPATIONS)),
  gender: z.enum(['male', 'female']).nullable(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  hardshipFamiliesOnly: z.boolean(),
});

export const ActivityEntrySchema = z.object({
  id: ObjectIdSchema,
  activityId: ObjectIdSchema,
  activityTitle: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  status: EntryStatusSchema,
  statusText: z.string().describe('已报名 / 候补第3位 / 待确认（截止 12月3日 18:00） …'),
  waitlistPosition: z.number().int().nullable(),
  offeredUntil: DateTimeSchema.nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  createdAt: DateTimeSchema,
  canCancel: z.boolean(),
  /** Team groups only: the team this entry holds the place for (contract/activity-teams.ts). */
  team: z
    .object({
      id: ObjectIdSchema,
      name: z.string(),
      code: z.string().nullable().describe('邀请码，仅队伍成员可见'),
      size: z.number().int(),
      min: z.number().int(),
      max: z.number().int(),
      role: z.enum(['captain', 'member']),
    })
    .nullable()
    .optional(),
});
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;

/**
 * What the card says instead of a bare place count: `places` (先到先得 with free places),
 * `lottery` / `review` (places are decided later, so a count would mislead), `waitlist` (full).
 */
export const ActivityAllocationStateSchema = z.enum(['places', 'lottery', 'review', 'waitlist']);
export type ActivityAllocationState = z.infer<typeof ActivityAllocationStateSchema>;

export const ActivitySummarySchema = z.object({
  id: ObjectIdSchema,
  title: z.string(),
  kind: ActivityKindSchema,
  kindLabel: z.string(),
  status: ActivityStatusSchema,
  orgName: z.string(),
  venueName: z.string(),
  firstSessionStartsAt: DateTimeSchema,
  signUpOpensAt: DateTimeSchema,
  signUpClosesAt: DateTimeSchema,
  signUpState: z.enum(['not_open', 'open', 'closed']),
  placesLeft: z.number().int().describe('各组剩余名额之和'),
  allocationState: ActivityAllocationStateSchema,
  memberPaysFen: z.number().int().describe('会员实付（分）；0 为免费'),
  posterUrl: z.string().nullable(),
  distanceMetres: z
    .number()
    .int()
    .optional()
    .describe('仅按位置排序（near）且为线下活动时给出：与会场的直线距离（米）'),
});

export const ActivityDetailSchema = ActivitySummarySchema.extend({
  description: z.string(),
  orgId: ObjectIdSchema,
  venue: ActivityVenueSchema,
  sessions: z.array(ActivitySessionSchema),
  groups: z.array(ActivityGroupSchema),
  audience: ActivityAudienceSchema,
  questions: ActivityQuestionsSchema,
  cancelDeadline: DateTimeSchema,
  offerHoldHours: z.number().int(),
  fee: ActivityFeeSchema,
  requiredSessions: z.number().int().nullable(),
  lotteryWeights: LotteryWeightsSchema,
  myEntry: ActivityEntrySchema.nullable().describe('本人在本活动的有效报名（组织者视图为 null）'),
  signUpProblem: z.string().nullable().describe('本人现在不能报名的原因；可以报名时为 null'),
});
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;

const coordinateIn = (name: string, limit: number) =>
  z.number().min(-limit, `${name}应在 -${limit} 到 ${limit} 之间`).max(limit, `${name}应在 -${limit} 到 ${limit} 之间`);

/** `near=lat,lng` (GCJ-02, as the phone's location comes). */
export const NearQuerySchema = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, '位置应为“纬度,经度”，如 31.23,121.47')
  .transform((text) => {
    const [lat, lng] = text.split(',').map(Number);
    return { lat: lat!, lng: lng! };
  })
  .pipe(z.object({ lat: coordinateIn('纬度', 90), lng: coordinateIn('经度', 180) }));

export const ActivityListQuerySchema = CursorPageQuerySchema.extend({
  kind: ActivityKindSchema.optional(),
  thisWeek: z
    .enum(['true', 'false'], { error: '本周筛选应为 true 或 false' })
    .transform((value) => value === 'true')
    .optional()
    .describe('只看本周（中国时间周一至周日）有场次的活动'),
  near: NearQuerySchema.optional().describe('纬度,经度：按与会场的距离排序，线上活动排在最后；此时 cursor 为序号'),
});
export const MyEntriesQuerySchema = CursorPageQuerySchema.extend({ tab: EntryTabSchema.default('all') });
/** The workbench's activity to-dos, each a filter of the organiser's list. */
export const STAFF_ACTIVITY_TODOS = ['review', 'lottery', 'checkInToday'] as const;
export const StaffActivityListQuerySchema = CursorPageQuerySchema.extend({
  status: ActivityStatusSchema.optional(),
  todo: z
    .enum(STAFF_ACTIVITY_TODOS)
    .optional()
    .describe('review 有报名待审核，lottery 报名已截止待抽签，checkInToday 今天有场次（中国时间）'),
});

export const SignUpRequestSchema = z.object({
  groupId: GroupKeySchema,
  requestId: RequestIdSchema,
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
});

export const CancelActivityRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明取消原因').max(200, '取消原因最多200字'),
});

export const EntryListQuerySchema = CursorPageQuerySchema.extend({
  groupId: GroupKeySchema.optional(),
  status: EntryStatusSchema.optional(),
  q: z.string().trim().max(30).optional().describe('会员号（完整或末几位）或完整姓名；空串视为不搜索'),
});

export const StaffEntrySchema = ActivityEntrySchema.omit({ canCancel: true }).extend({
  memberName: z.string().describe('脱敏姓名'),
  memberNo: z.string(),
  rejectReason: z.string().nullable(),
  onBehalf: z.boolean().describe('代报名：工作人员代会员报名'),
});

export const ReviewEntryRequestSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(200, '原因最多200字').default(''),
  })
  .refine((review) => review.decision === 'approve' || review.reason.length >= 2, {
    message: '请说明不通过的原因',
    path: ['reason'],
  });

const TAG = '活动报名';
const STAFF_TAG = '活动管理';
const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: STAFF_TAG } as const;

export const activityEndpoints = {
  activities: defineEndpoint({
    method: 'get',
    path: '/api/activities',
    access: 'user',
    tag: TAG,
    summary: '向我开放的已发布活动（可按类型筛选）',
    query: ActivityListQuerySchema,
    response: pageOf(ActivitySummarySchema),
  }),
  activity: defineEndpoint({
    method: 'get',
    path: '/api/activities/:id',
    access: 'user',
    tag: TAG,
    summary: '活动详情：场次、场地、组别与剩余名额、候补人数、报名规则与问题、本人报名',
    response: ActivityDetailSchema,
  }),
  signUp: defineEndpoint({
    method: 'post',
    path: '/api/activities/:id/entries',
    access: 'user',
    rateLimit: { name: 'activity-sign-up', points: 30, durationSeconds: 60 },
    tag: TAG,
    summary: '报名一个组别（按 requestId 幂等；名额在并发下严格成立，满员进入候补）',
    body: SignUpRequestSchema,
    response: ActivityEntrySchema,
  }),
  myEntries: defineEndpoint({
    method: 'get',
    path: '/api/activities/entries/mine',
    access: 'user',
    tag: TAG,
    summary: '我的活动：各报名及其状态（可按分类筛选）',
    query: MyEntriesQuerySchema,
    response: pageOf(ActivityEntrySchema),
  }),
  cancelEntry: defineEndpoint({
    method: 'post',
    path: '/api/activities/entries/:id/cancel',
    access: 'user',
    tag: TAG,
    summary: '取消报名（已报名须在取消截止前）；空出的名额自动递补给候补第一位',
    response: ActivityEntrySchema,
  }),
  confirmEntry: defineEndpoint({
    method: 'post',
    path: '/api/activities/entries/:id/confirm',
    access: 'user',
    tag: TAG,
    summary: '确认递补名额（须在确认截止前）',
    response: ActivityEntrySchema,
  }),

  staffActivities: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activities',
    summary: '本人管辖范围内的活动',
    query: StaffActivityListQuerySchema,
    response: pageOf(ActivitySummarySchema),
  }),
  staffActivity: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activities/:id',
    summary: '活动详情（组织者）',
    response: ActivityDetailSchema,
  }),
  createActivity: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities',
    summary: '创建活动（草稿）',
    body: ActivityInputSchema,
    response: ActivityDetailSchema,
  }),
  updateActivity: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/activities/:id',
    summary: '修改活动（草稿、已发布或暂停时）；名额不能少于已占名额',
    body: ActivityInputSchema,
    response: ActivityDetailSchema,
  }),
  publishActivity: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities/:id/publish',
    summary: '发布活动，或恢复暂停的活动',
    response: ActivityDetailSchema,
  }),
  pauseActivity: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities/:id/pause',
    summary: '暂停报名',
    response: ActivityDetailSchema,
  }),
  cancelActivity: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities/:id/cancel',
    summary: '取消活动：所有报名随之取消',
    body: CancelActivityRequestSchema,
    response: ActivityDetailSchema,
  }),
  activityEntries: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activities/:id/entries',
    summary: '报名名单（按报名先后，可按组别、状态筛选，可按会员号或姓名搜索）',
    query: EntryListQuerySchema,
    response: pageOf(StaffEntrySchema),
  }),
  reviewEntry: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/activities/:id/entries/:entryId/review',
    summary: '审核制组别：通过（占用名额）或不通过（须说明原因）',
    body: ReviewEntryRequestSchema,
    response: StaffEntrySchema,
  }),
};
