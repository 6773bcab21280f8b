// The shape of a call to the tab's JSON API and of its answer, framework-free: routes.ts turns the
// server's request into this, and the answer back.
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  authorization?: string | undefined;
  /** The parsed JSON body of a POST or PUT (undefined for GET). */
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export const json = (status: number, body: unknown): ApiResponse => ({ status, body });
export const refuse = (status: number, message: string): ApiResponse => json(status, { error: message });
