// What every administration use case returns: plain data for the tab's JSON API, or a refusal
// it maps to a status (forbidden 403, invalid 422 with field errors, not_found 404, conflict 409).
// The admin role is checked here, on the server, from the actor the identity lookup built
// (never from anything the request carries).
import type { FieldError } from '../../domain/admin';
import { ConflictError, NotFoundError } from '../../domain/ports';
import type { Role } from '../../domain/ports';
import { hasRole, type Actor } from '../actor';

export type AdminFailure =
  | { ok: false; status: 'forbidden'; message: string }
  | { ok: false; status: 'invalid'; message: string; errors: FieldError[] }
  | { ok: false; status: 'not_found'; message: string }
  | { ok: false; status: 'conflict'; message: string; errors?: FieldError[] };

export type AdminResult<T> = { ok: true; value: T } | AdminFailure;

export const FORBIDDEN: AdminFailure = { ok: false, status: 'forbidden', message: 'Det här kan bara en administratör göra.' };

export const ok = <T>(value: T): AdminResult<T> => ({ ok: true, value });
export const invalid = (errors: FieldError[], message = 'Rätta de markerade fälten.'): AdminFailure => ({ ok: false, status: 'invalid', message, errors });
export const notFound = (message: string): AdminFailure => ({ ok: false, status: 'not_found', message });
export const conflict = (message: string, errors?: FieldError[]): AdminFailure => ({ ok: false, status: 'conflict', message, ...(errors ? { errors } : {}) });

// Runs `work` for an administrator only; a record that vanished or changed meanwhile becomes
// the matching refusal instead of an error.
export function asAdmin<T>(actor: Actor, work: () => Promise<AdminResult<T>>): Promise<AdminResult<T>> {
  return asOneOf(actor, ['admin'], FORBIDDEN, work);
}

// The same for a use case a few roles share (the registerutdrag: the admin and the head of
// Elevhälsan, who answers for the cases).
export async function asOneOf<T>(actor: Actor, roles: readonly Role[], forbidden: AdminFailure, work: () => Promise<AdminResult<T>>): Promise<AdminResult<T>> {
  if (!roles.some((role) => hasRole(actor, role))) return forbidden;
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) return notFound('Det finns inte längre.');
    if (error instanceof ConflictError) return conflict('Någon annan har ändrat samma sak under tiden. Ladda om och försök igen.');
    throw error;
  }
}
