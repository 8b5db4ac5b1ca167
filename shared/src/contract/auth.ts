/** Signing in (WeChat, staff password, development), the session's tokens, and who the caller is. */
import { z } from 'zod';
import { defineEndpoint, type EndpointRateLimit } from '../endpoint';
import { DateTimeSchema, ObjectIdSchema, OkSchema } from '../common';
import { RoleGrantSchema } from '../roles';
import { JoinApplicationStatusSchema, MemberStatusSchema } from '../membership';

export const WechatLoginRequestSchema = z.object({
  code: z.string().trim().min(1, '缺少微信登录凭证').max(128, '微信登录凭证格式不正确'),
});

export const DevLoginRequestSchema = z.object({
  openid: z
    .string()
    .regex(/^[\w-]{3,64}$/, '体验账号标识只能包含字母、数字、下划线和短横线')
    .describe('开发环境下模拟的微信用户标识'),
});

export const PasswordLoginRequestSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
});

export const RefreshRequestSchema = z.object({
  refreshToken: z.string().min(20, '登录凭证格式不正确').max(200, '登录凭证格式不正确'),
});

export const MeSchema = z.object({
  id: ObjectIdSchema,
  displayName: z.string(),
  kind: z.enum(['wechat', 'staff']),
  roles: z.array(RoleGrantSchema),
  member: z
    .object({
      id: ObjectIdSchema,
      memberNo: z.string(),
      maskedName: z.string(),
      orgName: z.string(),
      status: MemberStatusSchema,
    })
    .nullable()
    .describe('已实名绑定的会员，未绑定为 null'),
  latestJoinApplication: z
    .object({ id: ObjectIdSchema, status: JoinApplicationStatusSchema, orgName: z.string() })
    .nullable(),
  merchant: z
    .object({ id: ObjectIdSchema, name: z.string() })
    .nullable()
    .describe('商户店员绑定的商户，其他账号为 null'),
});
export type Me = z.infer<typeof MeSchema>;

export const SessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: DateTimeSchema,
  refreshToken: z.string(),
  refreshTokenExpiresAt: DateTimeSchema,
  me: MeSchema,
});
export type Session = z.infer<typeof SessionSchema>;

/** One budget shared by the WeChat and development logins (two ways to do one thing), per address. */
const LOGIN_RATE_LIMIT: EndpointRateLimit = { name: 'login', points: 60, durationSeconds: 60 };

export const authEndpoints = {
  wechatLogin: defineEndpoint({
    method: 'post',
    path: '/api/auth/wechat-login',
    access: 'public',
    tag: '登录',
    summary: '微信登录：用 Taro.login 的 code 换取会话',
    rateLimit: LOGIN_RATE_LIMIT,
    body: WechatLoginRequestSchema,
    response: SessionSchema,
  }),
  devLogin: defineEndpoint({
    method: 'post',
    path: '/api/auth/dev-login',
    access: 'public',
    tag: '登录',
    summary: '仅开发环境：H5 中模拟微信登录（生产环境不存在）',
    rateLimit: LOGIN_RATE_LIMIT,
    body: DevLoginRequestSchema,
    response: SessionSchema,
  }),
  passwordLogin: defineEndpoint({
    method: 'post',
    path: '/api/auth/password-login',
    access: 'public',
    tag: '登录',
    summary: '工作人员用户名密码登录（H5 管理端）',
    // Per address; the budgets per account (and per account and address) are guards after validation.
    rateLimit: { name: 'password-login', points: 10, durationSeconds: 300 },
    body: PasswordLoginRequestSchema,
    response: SessionSchema,
  }),
  refresh: defineEndpoint({
    method: 'post',
    path: '/api/auth/refresh',
    access: 'public',
    tag: '登录',
    summary: '轮换刷新令牌；重复使用旧令牌会注销整个会话链',
    // Its own budget: a member whose session is refreshed must not use up the login's.
    rateLimit: { name: 'session-refresh', points: 60, durationSeconds: 60 },
    body: RefreshRequestSchema,
    response: SessionSchema,
  }),
  logout: defineEndpoint({
    method: 'post',
    path: '/api/auth/logout',
    access: 'public',
    tag: '登录',
    summary: '退出登录，注销刷新令牌',
    body: RefreshRequestSchema,
    response: OkSchema,
  }),
  me: defineEndpoint({
    method: 'get',
    path: '/api/me',
    access: 'user',
    tag: '登录',
    summary: '当前账号、角色、绑定状态与最近的入会申请',
    response: MeSchema,
  }),
};
