// 客服中心 (/help): short answers to the usual questions (物流、退款、售后、发票、余额), 联系客服 —
// pick one of my recent orders (or none), say what is wrong, and the chat opens — and 我的工单.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useStoreName } from '../commerce/cartStore';
import { StatusTag } from '../components/OrderBits';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { MessageKey } from '../zh';
import type { Order } from '../types';
import type { Ticket } from '../typesCare';
import { careApi } from './careApi';
import { CategoryBadge, shortTime, TicketStatusBadge } from './CareBits';

const TOPICS = ['logistics', 'refund', 'afterSales', 'invoice', 'balance'] as const;
type Topic = (typeof TOPICS)[number];
const FAQ: Record<Topic, number> = { logistics: 3, refund: 2, afterSales: 2, invoice: 2, balance: 2 };
const MAX_TEXT = 2000;

export function HelpCenter() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/help' }} />;
  return (
    <div className="care-page">
      <TopBar title={t('care.help.title')} />
      <section className="care-hero">
        <div className="care-hero-avatar" aria-hidden="true">
          客
        </div>
        <div>
          <div className="care-hero-title">{t('care.help.hello', { name: user.displayName })}</div>
          <div className="care-hero-sub">{t('care.help.sub')}</div>
        </div>
      </section>
      <Faq />
      <ContactForm />
      <MyTickets />
    </div>
  );
}

function Faq() {
  const { t } = useI18n();
  const [topic, setTopic] = useState<Topic>('logistics');
  return (
    <section className="card pad" data-testid="care-faq">
      <h2 className="card-title">{t('care.faq.title')}</h2>
      <div className="chips chips-wrap care-faq-topics" role="tablist">
        {TOPICS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === topic} className={`chip chip-static ${k === topic ? 'chip-on' : ''}`} onClick={() => setTopic(k)} data-testid={`care-faq-${k}`}>
            {t(`care.faq.topic.${k}`)}
          </button>
        ))}
      </div>
      <div className="care-faq-list">
        {Array.from({ length: FAQ[topic] }, (_, i) => (
          <details key={`${topic}-${i}`} className="care-faq-item" open={i === 0}>
            <summary>{t(`care.faq.${topic}.q${i + 1}` as MessageKey)}</summary>
            <p>{t(`care.faq.${topic}.a${i + 1}` as MessageKey)}</p>
          </details>
        ))}
      </div>
    </section>
  );
}

function ContactForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orders = useLoad(() => api.orders({ limit: 6 }), []);
  const [orderId, setOrderId] = useState<string | null>(params.get('orderId'));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = (orders.data?.items ?? []).filter((o) => o.status !== 'created');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const d = await careApi.open(orderId ? { origin: 'order', orderId, text: text.trim() } : { origin: 'help', text: text.trim() });
      navigate(`/help/tickets/${d.ticket.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form id="contact" className="card pad care-contact" onSubmit={(e) => void submit(e)} data-testid="care-contact">
      <h2 className="card-title">{t('care.contact.title')}</h2>
      <div className="field-label">{t('care.contact.which')}</div>
      <div className="care-order-pick">
        <button type="button" className={`care-order-opt care-order-none ${orderId === null ? 'on' : ''}`} onClick={() => setOrderId(null)} data-testid="care-pick-none">
          {t('care.contact.noOrder')}
        </button>
        {list.map((o) => (
          <OrderOption key={o.id} order={o} on={orderId === o.id} onPick={() => setOrderId(o.id)} />
        ))}
      </div>
      <label className="field care-contact-text">
        <span className="field-label">{t('care.contact.what')}</span>
        <textarea rows={3} maxLength={MAX_TEXT} value={text} placeholder={t('care.contact.ph')} onChange={(e) => setText(e.target.value)} data-testid="care-contact-text" />
      </label>
      {error && <p className="form-error">{error}</p>}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !text.trim()} data-testid="care-contact-submit">
        {busy ? t('common.working') : t('care.contact.submit')}
      </button>
    </form>
  );
}

function OrderOption({ order, on, onPick }: { order: Order; on: boolean; onPick: () => void }) {
  const { t } = useI18n();
  const store = useStoreName(order.storeId);
  const first = order.lines[0];
  return (
    <button type="button" className={`care-order-opt ${on ? 'on' : ''}`} onClick={onPick} aria-pressed={on} data-testid={`care-pick-${order.id}`}>
      <span className="care-order-img">{first?.imageUrl ? <img src={first.imageUrl} alt="" /> : <span className="img-placeholder">◫</span>}</span>
      <span className="care-order-text">
        <span className="care-order-title">{first?.title ?? order.id}</span>
        <span className="muted small">
          {store || t('cart.store')} · <StatusTag status={order.status} />
        </span>
      </span>
    </button>
  );
}

function MyTickets() {
  const { t } = useI18n();
  const list = useLoad(() => careApi.mine({ limit: 20 }), []);
  return (
    <section className="card pad" data-testid="care-my-tickets">
      <h2 className="card-title">{t('care.mine.title')}</h2>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <Empty text={t('care.mine.empty')} />
      ) : (
        list.data.items.map((tk) => <TicketRow key={tk.id} ticket={tk} />)
      )}
    </section>
  );
}

function TicketRow({ ticket }: { ticket: Ticket }) {
  const { lang } = useI18n();
  return (
    <Link to={`/help/tickets/${ticket.id}`} className="care-ticket-row" data-testid="care-ticket-row" data-ticket-id={ticket.id}>
      <span className="care-ticket-main">
        <span className="care-ticket-subject">{ticket.subject}</span>
        <span className="care-ticket-meta">
          <CategoryBadge category={ticket.category} />
          <span className="muted small">{shortTime(ticket.updatedAt, lang)}</span>
        </span>
      </span>
      <TicketStatusBadge status={ticket.status} />
      <span className="muted" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
