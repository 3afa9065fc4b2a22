import type { FileHandle } from "node:fs/promises";

/**
 * Reads a file `chunkSize` bytes at a time into a growing buffer and hands it to `scan(buffer, end, final)`, which
 * returns how many bytes it consumed; the rest (an unfinished record) is kept at the start of the buffer for the
 * next call. The last call has `final` true. Shared by the CSV and NDJSON readers, so files of any size stream.
 */
export async function scanChunks(
  handle: FileHandle,
  chunkSize: number,
  scan: (buffer: Uint8Array, end: number, final: boolean) => number,
): Promise<void> {
  let buffer = new Uint8Array(chunkSize);
  let pending = 0;
  let position = 0;
  for (;;) {
    if (buffer.length - pending < chunkSize / 2) {
      const grown = new Uint8Array(pending + chunkSize);
      grown.set(buffer.subarray(0, pending));
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, pending, buffer.length - pending, position);
    position += bytesRead;
    const end = pending + bytesRead;
    const final = bytesRead === 0;
    const consumed = scan(buffer, end, final);
    if (final) return;
    pending = end - consumed;
    buffer.copyWithin(0, consumed, end);
  }
}
