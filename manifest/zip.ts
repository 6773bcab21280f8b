// The app package's ZIP, written by fflate. What this file adds is what Teams and a repeatable
// build need: entry names checked (no absolute paths, backslashes, `..` or duplicates: the
// package's files sit at the root), entries stored uncompressed (the PNGs are already deflated),
// and one fixed timestamp (1980-01-01 00:00, the earliest DOS date) so the same input always
// gives the same bytes.
import { zipSync, type Zippable } from 'fflate';

export type ZipEntry = { readonly name: string; readonly data: Uint8Array };

// fflate turns a Date into a DOS date in local time, so the date is made in local time, at each
// call (the time zone may differ from the one at load): the same bytes in every time zone.
const fixedMtime = () => new Date(1980, 0, 1, 0, 0, 0);

export function createStoredZip(entries: readonly ZipEntry[]): Buffer {
  // No prototype: an entry named "__proto__" is a name like any other.
  const files = Object.create(null) as Zippable;
  for (const { name, data } of entries) {
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`Invalid ZIP entry name: ${JSON.stringify(name)}`);
    }
    if (Object.hasOwn(files, name)) throw new Error(`Duplicate ZIP entry name: ${name}`);
    files[name] = [data, { level: 0 }];
  }
  const zip = zipSync(files, { level: 0, mtime: fixedMtime() });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
