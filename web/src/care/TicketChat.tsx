// 客服会话 (/help/tickets/:ticketId): the shopper's chat with the desk, live over the ticket's
// WebSocket — the order on top, the status (等待接入 / 服务中 / 已解决 / 已关闭), the conversation and
// the input box; 结束咨询 closes it. /help/new?orderId= is the same chat before the first message:
// sending it opens the ticket (or joins the order's live one) and moves to its address.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { StatusTag } from '../components/OrderBits';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Ticket, TicketDetail } from '../typesCare';
import { careApi } from './careApi';
import { CategoryBadge, TicketStatusBadge, useOptionalStoreName } from './CareBits';
import { Composer, MessageList } from './ChatParts';
import { useTicketSocket } from './useTicketSocket';

export function TicketChatPage() {
  const { ticketId = '' } = useParams();
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const seeded = (location.state as { detail?: TicketDetail } | null)?.detail;
  return <TicketChat key={ticketId} ticketId={ticketId} seeded={seeded?.ticket.id === ticketId ? seeded : null} />;
}

/** Scrolls to the newest message whenever the count grows. */
function useStickToBottom(count: number) {
  useEffect(() => {
    if (count > 0) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [count]);
}

function TicketChat({ ticketId, seeded }: { ticketId: string; seeded: TicketDetail | null }) {
  const { t } = useI18n();
  const live = useTicketSocket(ticketId, seeded);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const { setDetail } = live;

  // The socket brings the snapshot; HTTP too, so the page shows even where sockets cannot pass.
  useEffect(() => {
    careApi.ticket(ticketId).then(setDetail, setLoadError);
  }, [ticketId, setDetail]);
  useStickToBottom(live.detail?.messages.length ?? 0);

  const d = live.detail;
  if (!d) return loadError || live.missing ? <Frame title={t('care.chat.title')}><ErrorBox error={loadError ?? new Error(t('care.chat.missing'))} /></Frame> : <Frame title={t('care.chat.title')}><Loading /></Frame>;
  const closed = d.ticket.status === 'closed';

  async function close() {
    if (!window.confirm(t('care.chat.closeAsk'))) return;
    setError(null);
    try {
      setDetail(await careApi.close(ticketId));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  async function send(text: string): Promise<boolean> {
    setError(null);
    try {
      live.addMessage(await careApi.post(ticketId, text));
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  }

  return (
    <Frame
      ticket={d.ticket}
      right={
        !closed && (
          <button type="button" className="care-close-btn" onClick={() => void close()} data-testid="care-close">
            {t('care.chat.close')}
          </button>
        )
      }
    >
      <StatusStrip ticket={d.ticket} connection={live.connection} />
      {d.ticket.orderId && <OrderStrip orderId={d.ticket.orderId} />}
      <MessageList messages={d.messages} side="shopper" />
      <div className="care-composer-spacer" />
      <div className="care-composer-bar">
        {error && (
          <div className="action-note action-err" role="alert">
            {error}
          </div>
        )}
        {closed ? (
          <div className="care-closed-note" data-testid="care-closed-note">
            {t('care.chat.closedNote')}{' '}
            <Link to={d.ticket.orderId ? `/help/new?orderId=${d.ticket.orderId}` : '/help#contact'} className="care-link">
              {t('care.chat.askAgain')}
            </Link>
          </div>
        ) : (
          <Composer placeholder={t('care.chat.ph')} onSend={send} />
        )}
      </div>
    </Frame>
  );
}

/** The page frame with the title the ticket gives: the store's desk or the platform's. */
function Frame({ ticket, title, right, children }: { ticket?: Ticket; title?: string; right?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const store = useOptionalStoreName(ticket?.storeId);
  const heading = title ?? (ticket && ticket.queue === 'store' && store ? t('care.chat.storeTitle', { store }) : t('care.chat.platformTitle'));
  return (
    <div className="care-page care-chat">
      <TopBar title={heading} right={right} />
      {children}
    </div>
  );
}

function StatusStrip({ ticket, connection }: { ticket: Ticket; connection: string }) {
  const { t } = useI18n();
  const text =
    ticket.status === 'open'
      ? t('care.chat.strip.open')
      : ticket.status === 'assigned'
        ? t('care.chat.strip.assigned', { name: ticket.assigneeName ?? '' })
        : ticket.status === 'resolved'
          ? t('care.chat.strip.resolved')
          : t('care.chat.strip.closed');
  return (
    <div className={`care-strip care-strip-${ticket.status}`} data-testid="care-strip">
      <TicketStatusBadge status={ticket.status} testId="care-ticket-status" />
      <span className="care-strip-text">{text}</span>
      <CategoryBadge category={ticket.category} testId="care-ticket-category" />
      {connection === 'reconnecting' && <span className="care-conn">{t('care.chat.reconnecting')}</span>}
    </div>
  );
}

export function OrderStrip({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const order = useLoad(() => api.order(orderId), [orderId]);
  const o = order.data;
  if (!o) return null;
  const first = o.lines[0];
  const count = o.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <Link to={`/orders/${o.id}`} className="care-order-card" data-testid="care-order-card">
      <span className="care-order-img">{first?.imageUrl ? <img src={first.imageUrl} alt="" /> : <span className="img-placeholder">◫</span>}</span>
      <span className="care-order-text">
        <span className="care-order-title">{first?.title ?? o.id}</span>
        <span className="muted small">
          {t('care.order.count', { n: count })} · <Price fen={o.payFen} size="sm" />
        </span>
      </span>
      <StatusTag status={o.status} />
    </Link>
  );
}

/** /help/new?orderId=: the chat before its first message. */
export function NewTicketChat() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const orderId = params.get('orderId');
  const [error, setError] = useState<string | null>(null);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `/help/new${orderId ? `?orderId=${orderId}` : ''}` }} />;

  async function send(text: string): Promise<boolean> {
    setError(null);
    try {
      const d = await careApi.open(orderId ? { origin: 'order', orderId, text } : { origin: 'help', text });
      navigate(`/help/tickets/${d.ticket.id}`, { replace: true, state: { detail: d } });
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  }
  return (
    <div className="care-page care-chat">
      <TopBar title={t('care.chat.title')} />
      {orderId && <OrderStrip orderId={orderId} />}
      <div className="care-msgs">
        <div className="care-row care-row-theirs">
          <span className="care-avatar care-avatar-agent" aria-hidden="true">
            客
          </span>
          <div className="care-bubble-col">
            <div className="care-author">{t('care.chat.assistant')}</div>
            <div className="care-bubble">{t(orderId ? 'care.chat.welcomeOrder' : 'care.chat.welcome', { name: user.displayName })}</div>
          </div>
        </div>
      </div>
      <div className="care-composer-spacer" />
      <div className="care-composer-bar">
        {error && (
          <div className="action-note action-err" role="alert">
            {error}
          </div>
        )}
        <Composer placeholder={t('care.chat.firstPh')} onSend={send} />
      </div>
    </div>
  );
}
