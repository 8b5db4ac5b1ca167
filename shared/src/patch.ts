/** Bodies that change part of something, derived from the body that creates it. */
import { z } from 'zod';

type WithoutDefault<Field> = Field extends z.ZodDefault<infer Inner> ? Inner : Field;

/**
 * Every field optional and none defaulted. zod 4 applies a `.default()` even inside
 * `.optional()`, so a plain `.partial()` fills a field the client left out with its default,
 * and the change then blanks what was stored (pausing an offer reset its audience to everyone).
 */
export function changesOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{ [Key in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[Key]>> }>;
}
