// Readers for what manifest/ ships, independent of what wrote it: a table-driven CRC-32 (not
// node:zlib's or fflate's), the icons decoded by fast-png, and a ZIP reader that walks the
// central directory and checks every entry against its local header.
import { decode } from 'fast-png';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- PNG ---------------------------------------------------------------------------------

export type Png = { width: number; height: number; bitDepth: number; channels: number; rgba: Buffer };

/**
 * Decodes a PNG with fast-png, every chunk's CRC checked, and returns 8-bit RGBA pixels. Only
 * 8-bit RGB or RGBA is accepted: that is what Teams' icons are, and a palette or 16-bit image
 * would need a conversion these checks should not hide.
 */
export function decodePng(file: Buffer): Png {
  const png = decode(file, { checkCrc: true });
  if (png.depth !== 8 || (png.channels !== 3 && png.channels !== 4) || png.palette) {
    throw new Error(`PNG: only 8-bit RGB/RGBA is expected here (depth ${png.depth}, ${png.channels} channels)`);
  }
  const { width, height, channels } = png;
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < channels; c++) rgba[i * 4 + c] = png.data[i * channels + c]!;
  }
  return { width, height, bitDepth: png.depth, channels, rgba };
}

// --- ZIP ---------------------------------------------------------------------------------

export type ZipFileEntry = { name: string; method: number; crc: number; data: Buffer };

/** Reads every entry through the central directory and checks it against its local header. */
export function readZip(zip: Buffer): ZipFileEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('ZIP: no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  if (zip.readUInt16LE(eocd + 8) !== count) throw new Error('ZIP: multi-disk archives are not supported');
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize !== eocd) throw new Error('ZIP: central directory does not end where the end record starts');

  const entries: ZipFileEntry[] = [];
  let pos = cdOffset;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(pos) !== 0x02014b50) throw new Error(`ZIP: bad central directory header ${n}`);
    const flags = zip.readUInt16LE(pos + 8);
    const method = zip.readUInt16LE(pos + 10);
    const crc = zip.readUInt32LE(pos + 16);
    const compressedSize = zip.readUInt32LE(pos + 20);
    const size = zip.readUInt32LE(pos + 24);
    const nameLength = zip.readUInt16LE(pos + 28);
    const extraLength = zip.readUInt16LE(pos + 30);
    const commentLength = zip.readUInt16LE(pos + 32);
    const localOffset = zip.readUInt32LE(pos + 42);
    const name = zip.subarray(pos + 46, pos + 46 + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    pos += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`ZIP ${name}: bad local header`);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const localName = zip.subarray(localOffset + 30, localOffset + 30 + localNameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    if (localName !== name) throw new Error(`ZIP ${name}: local header names ${localName}`);
    if (zip.readUInt16LE(localOffset + 8) !== method || zip.readUInt32LE(localOffset + 14) !== crc) {
      throw new Error(`ZIP ${name}: local header disagrees with the central directory`);
    }
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const stored = zip.subarray(start, start + compressedSize);
    // manifest/zip.ts writes stored entries only; anything else is a failure here.
    if (method !== 0) throw new Error(`ZIP ${name}: method ${method}, expected 0 (stored)`);
    const data = stored;
    if (data.length !== size) throw new Error(`ZIP ${name}: size ${data.length}, header says ${size}`);
    if (crc32(data) !== crc) throw new Error(`ZIP ${name}: CRC mismatch`);
    entries.push({ name, method, crc, data: Buffer.from(data) });
  }
  if (pos !== eocd) throw new Error('ZIP: central directory size does not match its entries');
  return entries;
}
