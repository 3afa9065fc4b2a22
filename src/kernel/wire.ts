/**
 * The Jupyter wire protocol (messaging spec 5.3): frames, HMAC signatures, headers.
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type Content = Record<string, unknown>;

export interface Message<C = Content> {
  /** ZeroMQ routing prefix (ROUTER sockets), sent back unchanged with the reply. */
  identities: Buffer[];
  header: MessageHeader;
  /** `{}` for messages that answer nothing. */
  parent_header: MessageHeader | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Signs and checks messages with the key and scheme of the connection file (`hmac-sha256`; empty key: unsigned). */
export class Signer {
  private readonly algorithm: string;

  constructor(
    scheme: string,
    private readonly key: string,
  ) {
    this.algorithm = scheme.replace(/^hmac-/, "");
  }

  sign(parts: readonly (Buffer | string)[]): string {
    if (this.key === "") return "";
    const hmac = createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  verify(signature: string, parts: readonly Buffer[]): boolean {
    if (this.key === "") return true;
    const expected = Buffer.from(this.sign(parts), "utf8");
    const given = Buffer.from(signature, "utf8");
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

export class WireError extends Error {}

/** Parses the frames of a received message; throws WireError on a malformed or badly signed message. */
export function decodeMessage(frames: readonly Buffer[], signer: Signer): Message {
  const delimiter = frames.findIndex(
    (frame) => frame.length === DELIMITER.length && frame.toString() === DELIMITER,
  );
  if (delimiter < 0 || frames.length < delimiter + 6)
    throw new WireError("message without <IDS|MSG> delimiter");
  const signature = frames[delimiter + 1].toString();
  const parts = frames.slice(delimiter + 2, delimiter + 6);
  if (!signer.verify(signature, parts)) throw new WireError("message with an invalid signature");
  const [header, parentHeader, metadata, content] = parts.map(
    (part) => JSON.parse(part.toString()) as unknown,
  );
  return {
    identities: frames.slice(0, delimiter),
    header: header as MessageHeader,
    parent_header: parentHeader as MessageHeader,
    metadata: metadata as Record<string, unknown>,
    content: content as Content,
    buffers: frames.slice(delimiter + 6),
  };
}

export function encodeMessage(message: Message<unknown>, signer: Signer): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [
    ...message.identities,
    Buffer.from(DELIMITER),
    Buffer.from(signer.sign(parts)),
    ...parts,
    ...message.buffers,
  ];
}

export function createHeader(msgType: string, session: string): MessageHeader {
  return {
    msg_id: randomUUID(),
    session,
    username: "driftlab",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}
