/** The cadre workbench: to-dos across modules (each count equals the queue it opens) and notices. */
import { z } from 'zod';
import { DateTimeSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { STAFF_ROLES } from '../roles';
import { WORKBENCH_NOTICE_KEYS, WORKBENCH_TODO_KEYS } from '../workbench';

export const WorkbenchTodoSchema = z.object({
  key: z.enum(WORKBENCH_TODO_KEYS).describe('稳定标识，小程序据此打开对应队列'),
  label: z.string(),
  count: z.number().int().describe('等于所打开队列的条数'),
  oldestAt: DateTimeSchema.nullable().describe('队列中最早一条的提交或创建时间；队列为空时为 null'),
  oldestAgeLabel: z.string().optional().describe('如“最早 3 天前”'),
  params: z
    .record(z.string(), z.string())
    .optional()
    .describe('打开队列时带上的参数，如助学项目 programmeId 与审核环节 step'),
});
export type WorkbenchTodo = z.infer<typeof WorkbenchTodoSchema>;

export const WorkbenchNoticeSchema = z.object({
  key: z.enum(WORKBENCH_NOTICE_KEYS),
  label: z.string(),
  count: z.number().int(),
  items: z
    .array(z.object({ id: z.string(), title: z.string(), detail: z.string() }))
    .max(5)
    .describe('最多 5 条'),
});
export type WorkbenchNotice = z.infer<typeof WorkbenchNoticeSchema>;

export const WorkbenchSchema = z.object({
  todos: z.array(WorkbenchTodoSchema),
  notices: z.array(WorkbenchNoticeSchema),
});
export type Workbench = z.infer<typeof WorkbenchSchema>;

export const workbenchEndpoints = {
  workbench: defineEndpoint({
    method: 'get',
    path: '/api/staff/workbench',
    access: 'staff',
    roles: STAFF_ROLES,
    tag: '工作台',
    summary: '工作台：本人管辖范围内可处理的待办（条数与所打开队列一致）和提醒',
    response: WorkbenchSchema,
  }),
};
