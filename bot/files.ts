// Files a principal drops into the personal chat: fetched from Teams' short-lived download URL
// (no credentials needed), bounded in size and type, and stored with the draft in the database.
import type { IncomingFile } from './transport-types';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

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

export type FetchedFile = { name: string; contentType: string; bytes: Uint8Array };
export type FileRefusal = { name: string; reason: 'type' | 'size' | 'download' };

function extensionOf(file: IncomingFile): string {
  const fromName = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1];
  return (file.fileType ?? fromName ?? '').toLowerCase();
}

export async function fetchIncomingFile(file: IncomingFile, timeoutMs = 30_000): Promise<FetchedFile | FileRefusal> {
  const contentType = CONTENT_TYPES[extensionOf(file)];
  if (!contentType) return { name: file.name, reason: 'type' };
  let response: Response;
  try {
    response = await fetch(file.downloadUrl, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { name: file.name, reason: 'download' };
  }
  if (!response.ok || !response.body) return { name: file.name, reason: 'download' };
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FILE_BYTES) {
    await response.body.cancel();
    return { name: file.name, reason: 'size' };
  }
  // Read at most the limit, whatever the header said.
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_FILE_BYTES) return { name: file.name, reason: 'size' };
    chunks.push(chunk);
  }
  return { name: file.name, contentType, bytes: Buffer.concat(chunks) };
}

export function refusalText(refusal: FileRefusal): string {
  switch (refusal.reason) {
    case 'type':
      return `”${refusal.name}” kan inte bifogas. Skicka PDF, Word-dokument eller bilder (JPG, PNG).`;
    case 'size':
      return `”${refusal.name}” är större än ${MAX_FILE_BYTES / 1024 / 1024} MB. Dela upp den eller skanna med lägre upplösning.`;
    case 'download':
      return `Jag kunde inte hämta ”${refusal.name}”. Försök skicka filen igen.`;
  }
}
