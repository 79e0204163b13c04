// The ticket's chat socket: /ws/care/tickets/:ticketId for its shopper and its agents (signed in
// by the session cookie or bearer token). Frames in: {"type":"message","body":"…"}; frames out:
// hub.ts's ServerFrame. Access is decided before the upgrade; a refused socket closes with 4004.
import { Id, Strict } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/server.ts';
import type { Principal } from '../../platform/http/access.ts';
import { CLOSE, MAX_FRAME_BYTES } from './hub.ts';
import type { Care } from './module.ts';
import { MAX_MESSAGE, type TicketDetail } from './schemas.ts';

export function careSocketRoutes(app: App, care: Care): void {
  const joins = new WeakMap<object, { principal: Principal; detail: TicketDetail } | null>();
  app.get(
    '/ws/care/tickets/:ticketId',
    {
      websocket: true,
      config: { access: 'user' },
      schema: { hide: true, params: Strict({ ticketId: Id() }) },
      preValidation: async (req) => {
        const { ticketId } = req.params as { ticketId: string };
        const principal = req.principal!;
        try {
          joins.set(req, { principal, detail: await care.tickets.detail(principal, ticketId) });
        } catch {
          joins.set(req, null);
        }
      },
    },
    (socket, req) => {
      const join = joins.get(req);
      if (!join) return socket.close(CLOSE.missing, 'no such ticket');
      const { ticketId } = req.params as { ticketId: string };
      care.hub.join(ticketId, socket, join.detail);
      socket.on('message', (raw: Buffer) => {
        if (raw.length > MAX_FRAME_BYTES) return socket.send(JSON.stringify({ type: 'error', code: 'payload_too_large', message: 'frame too large' }));
        let frame: unknown;
        try {
          frame = JSON.parse(raw.toString('utf8'));
        } catch {
          return socket.send(JSON.stringify({ type: 'error', code: 'validation_failed', message: 'not JSON' }));
        }
        const body = (frame as { type?: unknown; body?: unknown }).type === 'message' ? (frame as { body?: unknown }).body : undefined;
        if (typeof body !== 'string' || body.trim() === '' || body.length > MAX_MESSAGE) {
          return socket.send(JSON.stringify({ type: 'error', code: 'validation_failed', message: `send {"type":"message","body":"…"} with 1–${MAX_MESSAGE} characters` }));
        }
        care.conversation.post(join.principal, ticketId, body).catch((err: unknown) => {
          const e = err instanceof AppError ? err : new AppError('internal', 'could not post');
          socket.send(JSON.stringify({ type: 'error', code: e.code, message: e.message }));
        });
      });
    },
  );
}
