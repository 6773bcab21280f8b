// Independent readers for what manifest/ writes: a table-driven CRC-32 (not node:zlib's, so the
// writers are not checked against themselves), a PNG decoder for 8-bit RGBA/RGB images and a
// ZIP reader that walks the central directory.
import { inflateSync } from 'node:zlib';

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

export type Png = { width: number; height: number; bitDepth: number; colorType: number; chunks: string[]; rgba: Buffer };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Parses every chunk (checking each CRC) and decodes 8-bit RGB or RGBA, non-interlaced. */
export function decodePng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  let pos = 8;
  while (pos < file.length) {
    const length = file.readUInt32BE(pos);
    const typeAndData = file.subarray(pos + 4, pos + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const stored = file.readUInt32BE(pos + 8 + length);
    if (crc32(typeAndData) !== stored) throw new Error(`PNG chunk ${type}: CRC mismatch`);
    chunks.push(type);
    const data = typeAndData.subarray(4);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (pos !== file.length) throw new Error('PNG: bytes after IEND');
  if (!ihdr || chunks[0] !== 'IHDR') throw new Error('PNG: IHDR is not the first chunk');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colorType = ihdr[9]!;
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || ihdr[12] !== 0) {
    throw new Error(`PNG: only 8-bit RGB/RGBA without interlace is decoded here (depth ${bitDepth}, type ${colorType})`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== (stride + 1) * height) throw new Error('PNG: image data has the wrong length');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`PNG: unknown filter type ${filter}`);
      pixels[y * stride + x] = (cur + predictor) & 0xff;
    }
  }
  let rgba = pixels;
  if (channels === 3) {
    rgba = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      pixels.copy(rgba, i * 4, i * 3, i * 3 + 3);
      rgba[i * 4 + 3] = 255;
    }
  }
  return { width, height, bitDepth, colorType, chunks, rgba };
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
