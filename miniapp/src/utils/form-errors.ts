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
