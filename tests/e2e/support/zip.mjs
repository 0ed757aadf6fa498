// The entries of a .zip, read from its local headers (stored or deflated): enough for the
// tests to open what the page hands out, with no zip package in node_modules.
import { inflateRawSync } from 'node:zlib';

/** [{ name, bytes }] in the order the archive lists them. */
export function unzip(buffer) {
  const out = [];
  let at = 0;
  while (at + 30 <= buffer.length && buffer.readUInt32LE(at) === 0x04034b50) {
    const flags = buffer.readUInt16LE(at + 6);
    const method = buffer.readUInt16LE(at + 8);
    const size = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const extraLength = buffer.readUInt16LE(at + 28);
    if (flags & 0x8) throw new Error('entries with a data descriptor are not read here');
    const name = buffer.subarray(at + 30, at + 30 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const start = at + 30 + nameLength + extraLength;
    const data = buffer.subarray(start, start + size);
    out.push({ name, bytes: method === 0 ? Buffer.from(data) : inflateRawSync(data) });
    at = start + size;
  }
  return out;
}
