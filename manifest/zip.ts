// A minimal ZIP writer: stored entries only (method 0, no compression), no ZIP64, no data
// descriptors. Enough for a Teams app package, whose three files sit at the root of the archive
// and whose PNGs are already deflated. Every entry carries the same fixed timestamp
// (1980-01-01 00:00, the earliest DOS date), so the same input always gives the same bytes.
import { crc32 } from 'node:zlib';

export type ZipEntry = { readonly name: string; readonly data: Uint8Array };

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: the version most tools write and every reader accepts
const METHOD_STORED = 0;
const FLAG_UTF8_NAME = 0x0800;
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const MAX_32 = 0xffffffff;

export function createStoredZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`Too many ZIP entries (${entries.length}); ZIP64 is not supported`);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;

  for (const entry of entries) {
    const name = entry.name;
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`Invalid ZIP entry name: ${JSON.stringify(name)}`);
    }
    if (seen.has(name)) throw new Error(`Duplicate ZIP entry name: ${name}`);
    seen.add(name);
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length > 0xffff) throw new Error(`ZIP entry name too long: ${name}`);
    const data = entry.data;
    if (data.length > MAX_32 || offset > MAX_32) throw new Error('ZIP archive too large; ZIP64 is not supported');
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : FLAG_UTF8_NAME;
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    local.writeUInt16LE(VERSION, 4); // version needed to extract
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(METHOD_STORED, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
    central.writeUInt16LE(VERSION, 4); // version made by (MS-DOS attributes)
    central.writeUInt16LE(VERSION, 6); // version needed to extract
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(METHOD_STORED, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // file comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42); // offset of the local header

    locals.push(local, nameBytes, Buffer.from(data.buffer, data.byteOffset, data.length));
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }

  const centralDirectory = Buffer.concat(centrals);
  if (offset > MAX_32 || centralDirectory.length > MAX_32) throw new Error('ZIP archive too large; ZIP64 is not supported');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(0, 4); // number of this disk
  end.writeUInt16LE(0, 6); // disk where the central directory starts
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16); // offset of the central directory
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, centralDirectory, end]);
}
