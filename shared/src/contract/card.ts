import { z } from 'zod';
import { defineEndpoint } from '../endpoint';
import { DateTimeSchema } from '../common';
import { MemberStatusSchema } from '../membership';

/**
 * The card's short 核验码: 8 digits a clerk can type when the QR will not scan. It belongs
 * to one QR window (a minute) and is looked up online, so it says nothing by itself.
 */
export const CARD_SHORT_CODE_LENGTH = 8;
export const CARD_SHORT_CODE_PATTERN = /^\d{8}$/;

/** Strips the spaces and dashes of a code read aloud in groups ("1234 5678"). */
export function normalizeCardShortCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** 12345678 → "1234 5678": two groups of four, easy to read aloud and compare. */
export function formatCardShortCode(code: string): string {
  return normalizeCardShortCode(code).replace(/(\d{4})(?=\d)/g, '$1 ');
}

export const CardQrSchema = z.object({
  token: z.string().describe('Ed25519 签名的会员卡令牌，仅在 validFrom 至 expiresAt 的一分钟内有效'),
  validFrom: DateTimeSchema,
  expiresAt: DateTimeSchema,
  shortCode: z
    .string()
    .regex(CARD_SHORT_CODE_PATTERN)
    .optional()
    .describe(
      '仅会员卡：与二维码同一分钟有效的 8 位核验码，扫码失败时由工作人员输入，须联网核验（券二维码没有此字段）',
    ),
});
export type CardQr = z.infer<typeof CardQrSchema>;

export const CardQrBatchSchema = z.object({
  tokens: z
    .array(CardQrSchema)
    .describe('连续的一分钟时段，最早的在前：手机断网时会员卡仍可出示约十分钟，截图只在所属的一分钟内有效'),
});
export type CardQrBatch = z.infer<typeof CardQrBatchSchema>;

export const MemberCardSchema = z.object({
  name: z.string(),
  maskedIdNumber: z.string(),
  memberNo: z.string(),
  orgName: z.string(),
  joinedAt: DateTimeSchema,
  status: MemberStatusSchema,
  qr: CardQrBatchSchema.nullable().describe('会籍非正常状态时不签发二维码'),
  serverTime: DateTimeSchema.describe('用于校正手机时钟偏差'),
});
export type MemberCard = z.infer<typeof MemberCardSchema>;

export const CardPublicKeysSchema = z.object({
  keys: z.array(z.object({ keyId: z.string(), publicKey: z.string().describe('Ed25519 原始公钥，base64url') })),
});

/** A scanned (or pasted) card QR, or the 8-digit 核验码 typed by staff: exactly one of the two. */
export const VerifyCardRequestSchema = z
  .object({
    token: z.string().trim().max(300, '二维码内容过长，不是会员卡').optional(),
    code: z
      .string()
      .transform(normalizeCardShortCode)
      .pipe(z.string().regex(CARD_SHORT_CODE_PATTERN, '核验码为 8 位数字'))
      .optional()
      .describe('会员卡上的 8 位核验码（可带空格），每分钟更换；按工作人员账号限制输入次数'),
  })
  .refine((lookup) => Boolean(lookup.token) !== Boolean(lookup.code), {
    message: '请扫描会员卡二维码或输入 8 位核验码（二选一）',
    path: ['code'],
  });
export type VerifyCardRequest = z.infer<typeof VerifyCardRequestSchema>;

export const CARD_CHECK_RESULTS = ['valid', 'expired', 'not_yet_valid', 'forged', 'suspended', 'not_found'] as const;
export const CardCheckResultSchema = z.enum(CARD_CHECK_RESULTS);
export type CardCheckResult = z.infer<typeof CardCheckResultSchema>;

export const VerifyCardResponseSchema = z.object({
  result: CardCheckResultSchema,
  member: z
    .object({
      maskedName: z.string(),
      memberNo: z.string(),
      orgName: z.string(),
      status: MemberStatusSchema,
    })
    .nullable(),
  checkedAt: DateTimeSchema,
});
export type VerifyCardResponse = z.infer<typeof VerifyCardResponseSchema>;

export const cardEndpoints = {
  myCard: defineEndpoint({
    method: 'get',
    path: '/api/card',
    access: 'user',
    tag: '电子会员卡',
    summary: '我的电子会员卡与当前二维码',
    response: MemberCardSchema,
  }),
  refreshQr: defineEndpoint({
    method: 'post',
    path: '/api/card/qr',
    access: 'user',
    tag: '电子会员卡',
    summary: '换发一批会员卡二维码（联网时提前补充）',
    rateLimit: { name: 'card-qr', points: 30, durationSeconds: 60 },
    response: CardQrBatchSchema,
  }),
  publicKeys: defineEndpoint({
    method: 'get',
    path: '/api/card/public-keys',
    access: 'public',
    tag: '电子会员卡',
    summary: '验签公钥：核验端缓存后可离线验证会员卡',
    response: CardPublicKeysSchema,
  }),
  verify: defineEndpoint({
    method: 'post',
    path: '/api/staff/card-verifications',
    access: 'staff',
    tag: '电子会员卡',
    summary: '驿站、商户、工会工作人员核验会员卡（扫码或输入 8 位核验码；核验码不存在或已过期时 404）',
    // A typed 核验码 is 8 digits: limit how fast one staff account may try them; scans are not limited.
    rateLimit: { name: 'card-typed-code', points: 30, durationSeconds: 600, onlyWithBodyField: 'code' },
    body: VerifyCardRequestSchema,
    response: VerifyCardResponseSchema,
  }),
};
