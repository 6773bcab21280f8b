// Every route of the tab's administration API in one table, matched and guarded in one place: the
// roles first (403 with one Swedish sentence, nothing parsed or read), then the body with its zod
// schema (422 with the errors by field), then the route. The tests walk this table, so a route
// added here is refused to the other roles without anyone remembering to test it.
import { hasRole, type Actor } from '../../app/actor';
import type { AppDeps } from '../../app/deps';
import { FORBIDDEN } from '../../app/admin/result';
import { validate } from '../../domain/admin';
import { refuse, type ApiRequest, type ApiResponse } from '../http';
import { AUDIT_ROUTES } from './audit';
import { IMPORT_ROUTES } from './import';
import { PEOPLE_ROUTES } from './people';
import { PROFILE_ROUTES } from './profile';
import { REGISTERUTDRAG_ROUTES } from './registerutdrag';
import { invalidBody } from './respond';
import type { AdminRoute } from './route';
import { UNIT_ROUTES } from './units';

export const ADMIN_ROUTES: readonly AdminRoute[] = [...UNIT_ROUTES, ...PEOPLE_ROUTES, ...IMPORT_ROUTES, ...PROFILE_ROUTES, ...AUDIT_ROUTES, ...REGISTERUTDRAG_ROUTES];

const compiled = ADMIN_ROUTES.map((route) => ({
  route,
  names: [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
  pattern: new RegExp(`^${route.path.replace(/:\w+/g, '([^/]+)')}$`),
}));

export type AdminMatch = { route: AdminRoute; params: Record<string, string> } | 'wrong-method' | null;

export function matchAdminRoute(method: string, path: string): AdminMatch {
  const onPath = compiled.flatMap((c) => {
    const m = c.pattern.exec(path);
    return m ? [{ ...c, values: m.slice(1) }] : [];
  });
  if (onPath.length === 0) return null;
  const hit = onPath.find((c) => c.route.method === method);
  if (!hit) return 'wrong-method';
  return { route: hit.route, params: Object.fromEntries(hit.names.map((n, i) => [n, decodeURIComponent(hit.values[i]!)])) };
}

export async function runAdminRoute(match: Exclude<AdminMatch, 'wrong-method' | null>, deps: AppDeps, actor: Actor, req: ApiRequest): Promise<ApiResponse> {
  const { route, params } = match;
  if (!(route.roles ?? ['admin']).some((role) => hasRole(actor, role))) return refuse(403, route.forbidden ?? FORBIDDEN.message);
  let body: unknown;
  if (route.body) {
    const checked = validate(route.body, req.body);
    if (!checked.ok) return invalidBody(checked.errors);
    body = checked.value;
  }
  return route.run({ deps, actor, params, query: req.query, body });
}
