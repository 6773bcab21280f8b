// One route of the tab's administration API: method, path (":id" marks a parameter), the roles
// that may call it (the administrator unless it says otherwise), the zod schema of its JSON body,
// and what it runs. The roles are checked and the body parsed before `run` (tab/admin/table.ts),
// and the use case checks the role again.
import type { z } from 'zod';
import type { Actor } from '../../app/actor';
import type { AppDeps } from '../../app/deps';
import type { Role } from '../../domain/ports';
import type { ApiRequest, ApiResponse } from '../http';

export interface AdminCall<Body> {
  deps: AppDeps;
  actor: Actor;
  params: Record<string, string>;
  query: ApiRequest['query'];
  body: Body;
}

export interface AdminRoute<Body = unknown> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  roles?: readonly Role[];
  // The refusal for anyone else, when it is not the administrator's.
  forbidden?: string;
  body?: z.ZodType<Body>;
  run(call: AdminCall<Body>): Promise<ApiResponse>;
}

// Keeps each route's body type tied to its schema inside a list of routes.
export const route = <Body>(r: AdminRoute<Body>): AdminRoute => r as AdminRoute;
