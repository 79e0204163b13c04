// Fan-out of room broadcasts to many WebSockets, cheaply:
// - each message is serialised once and framed once (one WebSocket text frame, built here);
// - messages queued in one event-loop turn are flushed together on `setImmediate`, as ONE write
//   of the same bytes to every socket. At low load that is one frame per write and no added
//   delay; under load the batches grow by themselves, so the per-socket system call — the real
//   cost of fan-out — is paid once per batch instead of once per message. The wire protocol does
//   not change: a client still receives one JSON message per WebSocket frame.
// - slow consumers: over `maxBufferedBytes` a socket gets only the essential messages of a batch
//   (coalesced viewer/like counts are skipped); over 4× it is terminated.
//
// The batched write goes straight to the socket under the `ws` WebSocket (its `_socket`), which
// is sound only while `ws` itself never holds frames back: no permessage-deflate (the hub checks
// `extensions` per socket) and no Blob sends. Any other socket falls back to `ws.send` per message.
import type { WebSocket } from 'ws';

const OPEN = 1;
const SEND_OPTS = { binary: false } as const;

/** The byte stream under a `ws` socket, when it is safe to write pre-framed bytes to it. */
interface RawStream {
  write(data: Buffer): boolean;
  readonly destroyed: boolean;
}

export interface FanoutTarget {
  readonly socket: WebSocket;
  /** Set by `attachRaw`; null = use `ws.send`. */
  raw: RawStream | null;
}

export interface FanoutChannel<T extends FanoutTarget> {
  readonly targets: Set<T>;
  /** Messages waiting for the next flush (payload = the UTF-8 JSON, frame = header + payload). */
  pending: Array<{ payload: Buffer; frame: Buffer; essential: boolean }>;
}

/** One unmasked, final WebSocket text frame carrying `payload`. */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, head);
  return frame;
}

/** The raw stream of a `ws` socket if batched writes are safe on it, else null. */
export function rawStreamOf(socket: WebSocket): RawStream | null {
  if (socket.extensions !== '') return null; // permessage-deflate: frames must go through ws
  const raw = (socket as unknown as { _socket?: Partial<RawStream> | null })._socket;
  return raw && typeof raw.write === 'function' && typeof raw.destroyed === 'boolean' ? (raw as RawStream) : null;
}

export class Fanout<T extends FanoutTarget, C extends FanoutChannel<T>> {
  private readonly dirty = new Set<C>();
  private scheduled = false;

  constructor(
    private readonly maxBufferedBytes: number,
    /** Called for a target that was terminated for being too slow (before its socket closes). */
    private readonly onTooSlow: (target: T) => void,
  ) {}

  /** Queues a message (serialised once) for every target of the channel; flushed this turn. */
  queue(channel: C, payload: Buffer, essential: boolean): void {
    channel.pending.push({ payload, frame: textFrame(payload), essential });
    this.dirty.add(channel);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushAll());
    }
  }

  flushAll(): void {
    this.scheduled = false;
    for (const channel of this.dirty) this.flush(channel);
    this.dirty.clear();
  }

  /** Writes the channel's pending messages now (e.g. before closing its sockets). */
  flush(channel: C): void {
    const batch = channel.pending;
    if (batch.length === 0) return;
    channel.pending = [];
    const all = batch.length === 1 ? batch[0]!.frame : Buffer.concat(batch.map((m) => m.frame));
    let essentialOnly: Buffer | null = null;
    const soft = this.maxBufferedBytes;
    const hard = soft * 4;
    for (const target of channel.targets) {
      const socket = target.socket;
      if (socket.readyState !== OPEN) continue;
      const buffered = socket.bufferedAmount;
      if (buffered > hard) {
        this.onTooSlow(target);
        socket.terminate();
        continue;
      }
      const slow = buffered > soft;
      const raw = target.raw;
      if (raw && !raw.destroyed) {
        if (slow) essentialOnly ??= Buffer.concat(batch.filter((m) => m.essential).map((m) => m.frame));
        const data = slow ? essentialOnly! : all;
        if (data.length > 0) raw.write(data);
      } else {
        for (const m of batch) if (m.essential || !slow) socket.send(m.payload, SEND_OPTS);
      }
    }
  }

  /** Forgets a channel's pending messages (the room is gone). */
  drop(channel: C): void {
    channel.pending = [];
    this.dirty.delete(channel);
  }
}
