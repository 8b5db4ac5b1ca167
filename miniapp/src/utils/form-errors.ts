import type { z } from 'zod';
import type { ApiError } from '../services/http';

export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;

/** The first message for each top-level field, as the same schema the BFF uses reports it. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** Field errors the BFF attached to a 400 (`details[].path`, relative to the body). */
export function fieldErrorsFromApi(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of error.details) {
    const field = path.replace(/^body\./, '').split('.')[0] ?? '';
    if (field && !errors[field]) errors[field] = message;
  }
  return errors;
}

/** The first message for each field by its full path (`sessions.0.end`), for forms with lists. */
export function pathErrorsFromZod(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** The BFF's 400 details by full path relative to the body (`body.rules.0.count` → `rules.0.count`). */
export function pathErrorsFromApi(error: ApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { path, message } of error.details) {
    const key = path.replace(/^body\./, '');
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}
