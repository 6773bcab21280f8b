// How the tab's page talks to its server: every call carries the Teams SSO token from teams-js;
// a refusal becomes an ApiError with the server's Swedish sentence (and, for a form, its errors
// by field); files are downloaded through the browser.
import { app, authentication } from '@microsoft/teams-js';
import { useCallback, useEffect, useState } from 'react';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

async function token(): Promise<string> {
  return authentication.getAuthToken();
}

export async function api(path: string): Promise<Json> {
  let bearer = '';
  try {
    bearer = await token();
  } catch {
    // No token from the host: the server answers with its own sentence.
  }
  const res = await fetch(path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body.error ?? 'Något gick fel. Försök igen om en stund.', body.fields ?? {});
  return body;
}

export async function download(path: string, fallbackName: string) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${await token()}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))).error ?? 'Filen kunde inte hämtas.');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function openInTeams(url: string) {
  app.openLink(url).catch(() => window.open(url, '_blank', 'noopener'));
}

export function useApi(path: string | null): { data: Json; error: ApiError | null; loading: boolean } {
  const [state, setState] = useState<{ data: Json; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error: error instanceof ApiError ? error : new ApiError(0, 'Något gick fel. Försök igen om en stund.'), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}


export type Fields = Record<string, string>;
export type Sent<T = Json> = { ok: true; data: T } | { ok: false; status: number; error: string; fields: Fields };

/** A POST or PUT with a JSON body; a refusal is returned, not thrown, so a form can show it. */
export async function send<T = Json>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<Sent<T>> {
  let bearer = '';
  try {
    bearer = await token();
  } catch {
    // The server answers with its own sentence.
  }
  try {
    const res = await fetch(path, { method, headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, data };
    return { ok: false, status: res.status, error: data.error ?? 'Något gick fel. Försök igen om en stund.', fields: data.fields ?? {} };
  } catch {
    return { ok: false, status: 0, error: 'Tilläggsbot svarar inte. Kontrollera anslutningen och försök igen.', fields: {} };
  }
}

/** Like useApi, with a way to load again (after a change) and the errors by field of a GET. */
export function useReloadable(path: string | null): { data: Json; error: ApiError | null; loading: boolean; reload: () => void } {
  const [version, setVersion] = useState(0);
  const state = useApi(path === null ? null : `${path}${path.includes('?') ? '&' : '?'}_=${version}`);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
