// A ticket's conversation, live: the snapshot on join, then the ticket's status and each new
// message as soon as it commits. Reconnects with backoff when the connection drops (each join
// brings a fresh snapshot, so nothing is missed), but not when the server refused the ticket
// (4004: no such ticket, or not ours). Messages sent over HTTP are merged in by id.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CareServerFrame, Ticket, TicketDetail, TicketMessage } from '../typesCare';
import { ticketSocketUrl } from './careApi';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';
const MISSING = 4004;

function backoffMs(n: number): number {
  return Math.min(15_000, 1000 * 2 ** n) * (0.7 + Math.random() * 0.3);
}

const order = (a: TicketMessage, b: TicketMessage) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1);

/** The messages with `more` merged in (by id), in conversation order. */
export function mergeMessages(list: TicketMessage[], more: TicketMessage[]): TicketMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort(order);
}

export interface TicketLive {
  detail: TicketDetail | null;
  connection: Connection;
  /** The server refused the socket: no such ticket, or not ours. */
  missing: boolean;
  /** Merges what an HTTP call returned (a posted message, a step's detail). */
  addMessage: (m: TicketMessage) => void;
  setTicket: (t: Ticket) => void;
  setDetail: (d: TicketDetail) => void;
}

export function useTicketSocket(ticketId: string | null, initial?: TicketDetail | null): TicketLive {
  const [detail, setDetailState] = useState<TicketDetail | null>(initial ?? null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [missing, setMissing] = useState(false);
  const current = useRef(ticketId);
  current.current = ticketId;

  useEffect(() => {
    setDetailState(initial ?? null);
    setMissing(false);
    if (!ticketId) {
      setConnection('closed');
      return;
    }
    let stopped = false;
    let attempt = 0;
    let retry: number | undefined;
    let socket: WebSocket | null = null;
    const onFrame = (f: CareServerFrame) => {
      if (f.type === 'snapshot') {
        attempt = 0;
        setConnection('open');
        setDetailState((d) => (d && d.ticket.id === f.detail.ticket.id ? { ticket: f.detail.ticket, messages: mergeMessages(d.messages, f.detail.messages) } : f.detail));
      } else if (f.type === 'ticket') {
        setDetailState((d) => (d && d.ticket.id === f.ticket.id ? { ...d, ticket: f.ticket } : d));
      } else if (f.type === 'message') {
        setDetailState((d) => (d && d.ticket.id === f.message.ticketId ? { ...d, messages: mergeMessages(d.messages, [f.message]) } : d));
      }
    };
    const open = () => {
      const ws = new WebSocket(ticketSocketUrl(ticketId));
      socket = ws;
      ws.onmessage = (e) => {
        try {
          onFrame(JSON.parse(String(e.data)) as CareServerFrame);
        } catch {
          // not a frame we know: ignore it
        }
      };
      ws.onclose = (e) => {
        if (stopped) return;
        if (e.code === MISSING) {
          setMissing(true);
          setConnection('closed');
          return;
        }
        setConnection('reconnecting');
        retry = window.setTimeout(open, backoffMs(attempt++));
      };
    };
    setConnection('connecting');
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close(1000, 'leaving');
    };
    // `initial` only seeds the state when the ticket changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticketId]);

  const addMessage = useCallback((m: TicketMessage) => {
    setDetailState((d) => (d && d.ticket.id === m.ticketId ? { ...d, messages: mergeMessages(d.messages, [m]) } : d));
  }, []);
  const setTicket = useCallback((t: Ticket) => {
    setDetailState((d) => (d && d.ticket.id === t.id ? { ...d, ticket: t } : d));
  }, []);
  const setDetail = useCallback((next: TicketDetail) => {
    if (next.ticket.id !== current.current) return;
    setDetailState((d) => (d && d.ticket.id === next.ticket.id ? { ticket: next.ticket, messages: mergeMessages(d.messages, next.messages) } : next));
  }, []);

  return { detail, connection, missing, addMessage, setTicket, setDetail };
}
