/**
 * Skill contests, member side: published results on the activity page (names masked unless the
 * entrant allowed the full name), my consent, my results for 我的活动, my certificate image, and
 * the public certificate verification a certificate's QR code leads to.
 */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema, OkSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { RoundStatusSchema } from './contests';

/** Where a certificate's QR lands: `<PUBLIC_BASE_URL>/c/<code>` redirects to the H5 verify page. */
export const CERTIFICATE_LINK_PATH = '/c/';
export const CERTIFICATE_VERIFY_PAGE = '/pages-contests/verify/index';
export function certificateVerifyPageUrl(code: string): string {
  return `${CERTIFICATE_VERIFY_PAGE}?code=${encodeURIComponent(code)}`;
}

export const PublishedResultRowSchema = z.object({
  rank: z.number().int().nullable().describe('并列同名次（1,1,3）；缺考为 null'),
  displayName: z.string().describe('脱敏姓名（本人同意时为全名）或队名'),
  isTeam: z.boolean(),
  award: z.string().nullable(),
  total: z.number().nullable(),
  rounds: z.array(z.object({ roundId: z.string(), score: z.number().nullable(), absent: z.boolean() })),
  isMine: z.boolean(),
});

export const PublishedResultsSchema = z.object({
  activityId: ObjectIdSchema,
  title: z.string(),
  published: z.boolean().describe('未公布时 groups 为空'),
  publishedAt: DateTimeSchema.nullable(),
  rounds: z.array(
    z.object({ id: z.string(), name: z.string(), status: RoundStatusSchema, unit: z.string().nullable() }),
  ),
  groups: z.array(z.object({ groupId: z.string(), groupName: z.string(), rows: z.array(PublishedResultRowSchema) })),
  myConsent: z
    .object({ showFullName: z.boolean() })
    .nullable()
    .describe('本人是参赛者时：是否同意公布全名；否则为 null'),
});
export type PublishedResults = z.infer<typeof PublishedResultsSchema>;

export const ConsentRequestSchema = z.object({
  showFullName: z.boolean({ error: '请选择是否公布全名' }),
});

export const MyContestResultSchema = z.object({
  activityId: ObjectIdSchema,
  title: z.string(),
  groupName: z.string(),
  displayName: z.string().describe('本人姓名或队名'),
  rank: z.number().int().nullable(),
  award: z.string().nullable(),
  publishedAt: DateTimeSchema,
  certificateAvailable: z.boolean().describe('获奖者可下载证书'),
});
export type MyContestResult = z.infer<typeof MyContestResultSchema>;

export const CertificateVerificationSchema = z.object({
  valid: z.literal(true),
  contestTitle: z.string(),
  unionName: z.string(),
  groupName: z.string(),
  award: z.string(),
  holderName: z.string().describe('脱敏姓名或队名'),
  publishedAt: DateTimeSchema,
  activityId: ObjectIdSchema,
});
export type CertificateVerification = z.infer<typeof CertificateVerificationSchema>;

const TAG = '竞赛成绩';

export const contestResultEndpoints = {
  contestResults: defineEndpoint({
    method: 'get',
    path: '/api/contests/:id/results',
    access: 'user',
    tag: TAG,
    summary: '已公布的成绩：各组排名与奖项（姓名脱敏，本人行标出）',
    response: PublishedResultsSchema,
  }),
  saveContestConsent: defineEndpoint({
    method: 'put',
    path: '/api/contests/:id/consent',
    access: 'user',
    tag: TAG,
    summary: '是否同意在成绩公布中显示我的全名',
    body: ConsentRequestSchema,
    response: z.object({ showFullName: z.boolean() }),
  }),
  myContestResults: defineEndpoint({
    method: 'get',
    path: '/api/contests/results/mine',
    access: 'user',
    tag: TAG,
    summary: '我的竞赛成绩（我的活动）',
    response: z.object({ items: z.array(MyContestResultSchema) }),
  }),
  myCertificate: defineEndpoint({
    method: 'get',
    path: '/api/contests/:id/certificate',
    access: 'user',
    // Drawing a certificate takes a third of a second of CPU: a member saving it a few times is fine, a loop is not.
    rateLimit: { name: 'certificate-image', points: 20, durationSeconds: 600 },
    tag: TAG,
    summary: '我的获奖证书（PNG，含验证二维码；仅获奖者、成绩公布后）',
    rawResponse: { contentType: 'image/png' },
    response: OkSchema,
  }),
  verifyCertificate: defineEndpoint({
    method: 'get',
    path: '/api/certificates/verify',
    query: z.object({ code: z.string().trim().min(1, '请提供证书验证码').max(128, '证书验证码格式不正确') }),
    access: 'public',
    rateLimit: { name: 'certificate-verify', points: 60, durationSeconds: 60 },
    tag: TAG,
    summary: '验证证书：仅对已公布且一致的成绩有效；否则 404 证书无效或成绩未公布',
    response: CertificateVerificationSchema,
  }),
};
