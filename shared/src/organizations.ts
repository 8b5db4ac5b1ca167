/** The union hierarchy's vocabulary: levels and kinds of organisation. */
import { z } from 'zod';

/** 市总 → 区/县总 → 街道/乡镇 → 基层工会 */
export const ORG_LEVELS = ['city', 'district', 'street', 'grassroots'] as const;
export const OrgLevelSchema = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof OrgLevelSchema>;

/** Regional unions follow geography; industry federations (e.g. for riders) cut across it. */
export const OrgKindSchema = z.enum(['regional', 'industry']);
