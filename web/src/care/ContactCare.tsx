// 联系客服 on the order page: continues the order's live ticket when there is one, else opens
// the chat for this order (the first message opens the ticket, origin 'order').
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Order } from '../types';
import { careApi } from './careApi';
import './care.css';

export function ContactCareCard({ order }: { order: Order }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      const mine = await careApi.mine({ limit: 50 });
      const live = mine.items.find((tk) => tk.orderId === order.id && tk.status !== 'closed');
      navigate(live ? `/help/tickets/${live.id}` : `/help/new?orderId=${encodeURIComponent(order.id)}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <section className="card pad care-entry">
      <div className="care-entry-icon" aria-hidden="true">
        客
      </div>
      <div className="care-entry-text">
        <div className="care-entry-title">{t('care.entry.title')}</div>
        <div className="muted small">{error ?? t('care.entry.sub')}</div>
      </div>
      <button type="button" className="btn btn-outline btn-sm" disabled={busy} onClick={() => void go()} data-testid="order-contact-care">
        {t('care.entry.button')}
      </button>
    </section>
  );
}
