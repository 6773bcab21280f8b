// An administration use case's answer as the tab's API gives it: the value as JSON, or the
// refusal's status with one Swedish sentence and, for a form, the errors keyed by field (the
// dotted path of the input, e.g. "amount.hourlyRate"), the first message of each, in order.
import type { FieldError } from '../../domain/admin';
import type { AdminResult } from '../../app/admin/result';
import { json, type ApiResponse } from '../http';

const STATUS = { forbidden: 403, invalid: 422, not_found: 404, conflict: 409 } as const;

export function fieldMap(errors: readonly FieldError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.field || 'form'] ??= e.message;
  return fields;
}

export function invalidBody(errors: readonly FieldError[], message = 'Rätta de markerade fälten.'): ApiResponse {
  return json(422, { error: message, fields: fieldMap(errors) });
}

export async function respond<T>(result: AdminResult<T> | Promise<AdminResult<T>>, view: (value: T) => unknown | Promise<unknown> = (v) => v): Promise<ApiResponse> {
  const r = await result;
  if (r.ok) return json(200, await view(r.value));
  const errors = 'errors' in r && r.errors ? r.errors : [];
  return json(STATUS[r.status], { error: r.message, ...(errors.length > 0 ? { fields: fieldMap(errors) } : {}) });
}
