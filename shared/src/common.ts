import { z } from 'zod';

export const ObjectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');

export const DateTimeSchema = z.iso.datetime({ offset: true });

/** The one shape of every error the API returns. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('逐字段的错误说明，path 为点分路径'),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

export const CursorPageQuerySchema = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1, '每页至少1条').max(50, '每页最多50条').default(20),
});

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
