/** Browsing the union tree (the join form's organisation picker), and the union office's facts about an organisation. */
import { z } from 'zod';
import { defineEndpoint } from '../endpoint';
import { ObjectIdSchema } from '../common';
import { OrgKindSchema, OrgLevelSchema } from '../organizations';
import { UNION_OFFICE_ROLES } from '../roles';

export const OrganizationSchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  level: OrgLevelSchema,
  kind: OrgKindSchema,
  parentId: ObjectIdSchema.nullable(),
  acceptsMembers: z.boolean().describe('能否直接受理入会申请'),
  childCount: z.number().int(),
  acceptingBelow: z.number().int().describe('下级（各层）中可受理入会的组织数；为 0 时不必再往下找'),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationListQuerySchema = z.object({
  parentId: ObjectIdSchema.optional().describe('不传则返回顶层（市总工会）'),
  q: z.string().trim().min(1).max(30).optional().describe('按名称搜索受理入会的组织'),
  kind: OrgKindSchema.optional().describe(
    '只返回这一类受理入会的组织；industry 为行业和新就业形态工会（骑手、快递员等可直接加入）',
  ),
});

export const OrganizationListSchema = z.object({ items: z.array(OrganizationSchema) });

/** The most employees one organisation is believed to have: more is a typing slip. */
export const MAX_EMPLOYEE_COUNT = 10_000_000;

export const EmployeeCountRequestSchema = z.object({
  employeeCount: z
    .number({ error: '请填写职工人数（不清楚请清空）' })
    .int('职工人数应为整数')
    .min(0, '职工人数不能为负数')
    .max(MAX_EMPLOYEE_COUNT, '职工人数过大，请核对')
    .nullable()
    .describe('职工人数（入会率的分母）；null 表示未知'),
});
export type EmployeeCountRequest = z.input<typeof EmployeeCountRequestSchema>;

export const OrganizationStaffViewSchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  level: OrgLevelSchema,
  employeeCount: z.number().int().nullable().describe('职工人数；null 表示未知'),
});
export type OrganizationStaffView = z.infer<typeof OrganizationStaffViewSchema>;

export const organizationEndpoints = {
  list: defineEndpoint({
    method: 'get',
    path: '/api/organizations',
    access: 'user',
    tag: '组织',
    summary:
      '浏览工会组织树（入会时选择组织）：只列出自身或下级可受理入会的组织；按名称或类别（kind）搜索时只返回可受理入会的组织',
    query: OrganizationListQuerySchema,
    response: OrganizationListSchema,
  }),
  setEmployeeCount: defineEndpoint({
    method: 'put',
    path: '/api/staff/organizations/:id/employee-count',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '组织',
    summary: '填写本级或下级组织的职工人数（计算入会率用）；null 表示未知',
    body: EmployeeCountRequestSchema,
    response: OrganizationStaffViewSchema,
  }),
};
