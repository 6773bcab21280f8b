// Files a principal drops into the personal chat: fetched from Teams' short-lived download URL
// (no credentials needed), bounded in size and type, and stored with the draft in the database.
//
// The URL comes from the activity, so it is only as trustworthy as the sender: it is fetched
// only from the hosts Teams serves files from (FILE_DOWNLOAD_HOSTS), every redirect hop is
// checked the same way, and the bytes must look like the type the name claims. Otherwise a
// crafted attachment could make the bot fetch an internal URL and store the answer as a PDF.
import type { IncomingFile } from './transport-types';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 5;

// Teams hands out SharePoint / OneDrive for Business download URLs (…-my.sharepoint.com) in the
// commercial cloud, which is where Swedish municipalities are. Other clouds set FILE_DOWNLOAD_HOSTS.
export const DEFAULT_FILE_DOWNLOAD_HOSTS: readonly string[] = ['*.sharepoint.com'];

// The documents an application carries: scans, photos and office files.
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP = [0x50, 0x4b, 0x03, 0x04];

// The first bytes each type starts with; a file that does not is refused.
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  'application/msword': (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ZIP),
  'application/vnd.oasis.opendocument.text': (b) => startsWith(b, ZIP),
  'application/rtf': (b) => startsWith(b, ascii('{\\rtf')),
  // Text has no signature; binary content (a NUL byte) is not text.
  'text/plain': (b) => !b.subarray(0, 8192).includes(0),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/heic': (b) => startsWith(b, ascii('ftyp'), 4) && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].some((brand) => startsWith(b, ascii(brand), 8)),
  'image/tiff': (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
};

export type FetchedFile = { name: string; contentType: string; bytes: Uint8Array };
export type FileRefusal = { name: string; reason: 'type' | 'size' | 'download' | 'content' };

// Where downloads may come from. Set once at start from the config (the transport does it);
// handlers call fetchIncomingFile without knowing the deployment.
let allowedHosts: readonly string[] = DEFAULT_FILE_DOWNLOAD_HOSTS;

export function setFileDownloadHosts(hosts: readonly string[]): void {
  allowedHosts = [...hosts];
}

/**
 * Whether a URL may be fetched. An entry is `[scheme://]host[:port]`: the scheme defaults to
 * https, a host starting with `*.` matches any subdomain (not the bare domain), and without a
 * port any port matches. `http://127.0.0.1:3979` allows exactly the local demo file server.
 */
export function isAllowedDownloadUrl(url: string | URL, hosts: readonly string[] = allowedHosts): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return hosts.some((entry) => {
    const m = /^(?:(https?):\/\/)?(\*\.)?([^/:]+)(?::(\d+))?\/?$/i.exec(entry.trim());
    if (!m) return false;
    const [, scheme = 'https', wildcard, host, entryPort] = m;
    if (u.protocol !== `${scheme.toLowerCase()}:`) return false;
    if (entryPort && entryPort !== port) return false;
    const wanted = host!.toLowerCase();
    const actual = u.hostname.toLowerCase();
    return wildcard ? actual.endsWith(`.${wanted}`) : actual === wanted;
  });
}

function extensionOf(file: IncomingFile): string {
  const fromName = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1];
  return (file.fileType ?? fromName ?? '').toLowerCase();
}

// GET with redirects followed by hand, each hop checked against the allowed hosts.
async function fetchAllowed(url: string, signal: AbortSignal, hosts: readonly string[]): Promise<Response | undefined> {
  let next = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedDownloadUrl(next, hosts)) return undefined;
    const response = await fetch(next, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    next = new URL(location, next).toString();
  }
  return undefined;
}

export async function fetchIncomingFile(
  file: IncomingFile,
  timeoutMs = 30_000,
  hosts: readonly string[] = allowedHosts,
): Promise<FetchedFile | FileRefusal> {
  const contentType = CONTENT_TYPES[extensionOf(file)];
  if (!contentType) return { name: file.name, reason: 'type' };
  let response: Response | undefined;
  try {
    response = await fetchAllowed(file.downloadUrl, AbortSignal.timeout(timeoutMs), hosts);
  } catch {
    return { name: file.name, reason: 'download' };
  }
  if (!response) return { name: file.name, reason: 'download' };
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { name: file.name, reason: 'download' };
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FILE_BYTES) {
    await response.body.cancel();
    return { name: file.name, reason: 'size' };
  }
  // Read at most the limit, whatever the header said.
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > MAX_FILE_BYTES) return { name: file.name, reason: 'size' };
      chunks.push(chunk);
    }
  } catch {
    return { name: file.name, reason: 'download' };
  }
  const bytes = Buffer.concat(chunks);
  if (!MAGIC[contentType]!(bytes)) return { name: file.name, reason: 'content' };
  return { name: file.name, contentType, bytes };
}

export function refusalText(refusal: FileRefusal): string {
  switch (refusal.reason) {
    case 'type':
      return `”${refusal.name}” kan inte bifogas. Skicka PDF, Word-dokument eller bilder (JPG, PNG).`;
    case 'size':
      return `”${refusal.name}” är större än ${MAX_FILE_BYTES / 1024 / 1024} MB. Dela upp den eller skanna med lägre upplösning.`;
    case 'download':
      return `Jag kunde inte hämta ”${refusal.name}”. Försök skicka filen igen.`;
    case 'content':
      return `”${refusal.name}” är inte den filtyp som namnet anger. Kontrollera filen och skicka den igen.`;
  }
}
