// Ticket chat over WebSocket: everyone with the ticket open (its shopper, its agents) gets its
// new messages and status as soon as a step commits. On join a socket gets the whole ticket;
// after that only what is new to it (each socket keeps the last message it was sent). Writing
// over the socket goes through the same Conversation.post as the HTTP route.
import type { WebSocket } from 'ws';
import type { Log } from '../../platform/log.ts';
import type { Message, TicketDetail } from './schemas.ts';

export const MAX_FRAME_BYTES = 8 * 1024;
export const CLOSE = { missing: 4004, shutdown: 1001 } as const;

interface Watcher {
  socket: WebSocket;
  /** The last message sent to this socket (createdAt, id order). */
  cursor: string;
}

export type ServerFrame = { type: 'snapshot'; detail: TicketDetail } | { type: 'ticket'; ticket: TicketDetail['ticket'] } | { type: 'message'; message: Message } | { type: 'error'; code: string; message: string };

const key = (m: Message) => `${m.createdAt}|${m.id}`;

export class TicketHub {
  private readonly watchers = new Map<string, Set<Watcher>>();

  constructor(
    private readonly load: (ticketId: string) => Promise<TicketDetail>,
    private readonly log?: Log,
  ) {}

  join(ticketId: string, socket: WebSocket, detail: TicketDetail): Watcher {
    const w: Watcher = { socket, cursor: detail.messages.length ? key(detail.messages[detail.messages.length - 1]!) : '' };
    let set = this.watchers.get(ticketId);
    if (!set) this.watchers.set(ticketId, (set = new Set()));
    set.add(w);
    socket.on('close', () => {
      set.delete(w);
      if (set.size === 0 && this.watchers.get(ticketId) === set) this.watchers.delete(ticketId);
    });
    this.send(w, { type: 'snapshot', detail });
    return w;
  }

  /** After a commit: send each watcher of these tickets the status and the messages it has not had. */
  notify(ticketIds: Iterable<string>): void {
    for (const id of ticketIds) {
      if (!this.watchers.has(id)) continue;
      this.load(id).then(
        (detail) => {
          for (const w of this.watchers.get(id) ?? []) {
            this.send(w, { type: 'ticket', ticket: detail.ticket });
            for (const m of detail.messages) {
              if (key(m) > w.cursor) {
                this.send(w, { type: 'message', message: m });
                w.cursor = key(m);
              }
            }
          }
        },
        (err: unknown) => this.log?.warn({ err, ticketId: id }, 'care hub: could not load the ticket'),
      );
    }
  }

  send(w: Watcher, frame: ServerFrame): void {
    if (w.socket.readyState === w.socket.OPEN) w.socket.send(JSON.stringify(frame));
  }

  close(): void {
    for (const set of this.watchers.values()) for (const w of set) w.socket.close(CLOSE.shutdown, 'shutting down');
    this.watchers.clear();
  }

  watching(ticketId: string): number {
    return this.watchers.get(ticketId)?.size ?? 0;
  }
}
