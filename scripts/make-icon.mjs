// Draws the extension icon (a shield with a check mark, 128×128 PNG) without any image library, so that
// it can be regenerated anywhere: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const BACKGROUND = [0x1f, 0x3a, 0x5f];
const SHIELD = [0xe8, 0xee, 0xf5];
const CHECK = [0x2e, 0x9e, 0x5b];

function insideShield(x, y) {
  const cx = SIZE / 2;
  const top = 18;
  const bottom = 112;
  if (y < top || y > bottom) return false;
  const halfWidth = y < 70 ? 40 : 40 * Math.sqrt(Math.max(0, 1 - ((y - 70) / (bottom - 70)) ** 2));
  return Math.abs(x - cx) <= halfWidth;
}

function onCheck(x, y) {
  const distanceToSegment = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
  return Math.min(distanceToSegment(44, 62, 58, 78), distanceToSegment(58, 78, 86, 46)) < 6;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = [0];
  for (let x = 0; x < SIZE; x++) {
    const color = onCheck(x, y) ? CHECK : insideShield(x, y) ? SHIELD : BACKGROUND;
    row.push(...color, 255);
  }
  rows.push(Buffer.from(row));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
