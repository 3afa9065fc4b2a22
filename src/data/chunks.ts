import type { FileHandle } from "node:fs/promises";
import { Buffer } from "node:buffer";
import { readSync } from "node:fs";

/**
 * Where the range functions below read bytes at a position: an open FileHandle (asynchronous), or
 * {@link descriptorSource} in a worker thread.
 */
export interface ByteSource {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }> | { bytesRead: number };
}

/**
 * Synchronous reads of a file descriptor, for a worker thread that has nothing else to do meanwhile: an asynchronous
 * read goes through libuv's thread pool and wakes the worker once per chunk, which on two busy cores cost the CSV
 * reader's workers about twice the copy itself (issue 15: 30–40 ms against 15–19 ms per 53 MiB range).
 */
export function descriptorSource(fd: number): ByteSource {
  return {
    read: (buffer, offset, length, position) => ({
      bytesRead: readSync(fd, buffer, offset, length, position),
    }),
  };
}

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

/**
 * {@link scanChunks} over the bytes [start, end) of a file only (a worker's share of a file cut at record
 * boundaries): the last call, `final`, comes when `end` is reached.
 */
export async function scanFileRange(
  source: ByteSource,
  start: number,
  end: number,
  chunkSize: number,
  scan: (buffer: Uint8Array, end: number, final: boolean) => number,
): Promise<void> {
  let buffer = new Uint8Array(Math.min(chunkSize, Math.max(1, end - start)));
  let pending = 0;
  let position = start;
  for (;;) {
    if (buffer.length - pending < buffer.length / 2) {
      const grown = new Uint8Array(pending + buffer.length);
      grown.set(buffer.subarray(0, pending));
      buffer = grown;
    }
    const wanted = Math.min(buffer.length - pending, end - position);
    const { bytesRead } =
      wanted > 0 ? await source.read(buffer, pending, wanted, position) : { bytesRead: 0 };
    position += bytesRead;
    const filled = pending + bytesRead;
    const final = bytesRead === 0 || position >= end;
    const consumed = scan(buffer, filled, final);
    if (final) return;
    pending = filled - consumed;
    buffer.copyWithin(0, consumed, filled);
  }
}

/** Counts the bytes equal to `byte` in [start, end) of a file, `chunkSize` bytes at a time. */
export async function countByteInRange(
  source: ByteSource,
  byte: number,
  start: number,
  end: number,
  chunkSize: number,
): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(1, end - start)));
  let count = 0;
  let position = start;
  while (position < end) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, end - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    let at = buffer.indexOf(byte, 0);
    while (at >= 0 && at < bytesRead) {
      count++;
      at = buffer.indexOf(byte, at + 1);
    }
  }
  return count;
}

const LF = 0x0a;
const RECORD_PROBE = 1 << 16;

/** The first record start at or after `position` given whether `position` is inside quotes. */
export async function recordStartAfter(
  source: ByteSource,
  position: number,
  inQuotes: boolean,
  size: number,
  quote: number,
): Promise<number> {
  const buffer = new Uint8Array(RECORD_PROBE);
  let quoted = inQuotes;
  // A cut just after a line feed outside quotes is a record start already.
  if (!quoted && position > 0) {
    const before = new Uint8Array(1);
    await source.read(before, 0, 1, position - 1);
    if (before[0] === LF) return position;
  }
  while (position < size) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, size - position), position);
    if (bytesRead === 0) break;
    for (let k = 0; k < bytesRead; k++) {
      const c = buffer[k];
      if (c === quote) quoted = !quoted;
      else if (c === LF && !quoted) return position + k + 1;
    }
    position += bytesRead;
  }
  return size;
}

/** Quote bytes seen before counting switches from `indexOf` (fast when they are rare) to a plain loop. */
const SPARSE_QUOTES = 256;

/** Counts the bytes equal to `byte` in bytes[start, end): `indexOf` jumps while they are rare, a loop when dense. */
export function countByte(bytes: Uint8Array, byte: number, start: number, end: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let count = 0;
  let at = view.indexOf(byte, start);
  while (at >= 0 && at < end && count < SPARSE_QUOTES) {
    count++;
    at = view.indexOf(byte, at + 1);
  }
  if (at < 0 || at >= end) return count;
  for (let k = at; k < end; k++) if (bytes[k] === byte) count++;
  return count;
}
