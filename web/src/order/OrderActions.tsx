// The order page's bottom bar, by status: 取消订单 / 去支付 while unpaid; 申请退款 before
// shipping; 申请售后 after; 确认收货 once delivered; 查看售后 while a case is open.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { payUrlFor, usePayNavigate } from '../commerce/checkout';
import { useI18n } from '../i18n';
import type { Order } from '../types';

/** Statuses in which the buyer may ask for after-sales (the server checks the time windows). */
const AFTER_SALES_FROM = ['paid', 'shipped', 'delivered', 'completed'];

export function OrderActions({ order, onChange, polling }: { order: Order; onChange: (o: Order) => void; polling: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const goPay = usePayNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const payUrl = order.status === 'created' ? (order.payUrl ?? payUrlFor(order.checkoutId)) : null;
  const openCase = order.afterSales.openCaseId;
  const canAsk = AFTER_SALES_FROM.includes(order.status) && !openCase;
  const hasRefundable = order.payFen - order.afterSales.refundedFen - order.afterSales.refundingFen > 0;

  async function act(ask: string, call: () => Promise<Order>) {
    if (!window.confirm(ask)) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await call());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const buttons = [];
  if (order.status === 'created' && !polling) {
    buttons.push(
      <button key="cancel" type="button" className="btn btn-ghost" disabled={busy} onClick={() => void act(t('order.cancelConfirm'), () => api.cancelOrder(order.id))} data-testid="order-cancel">
        {t('order.cancel')}
      </button>,
    );
    if (payUrl)
      buttons.push(
        <button key="pay" type="button" className="btn btn-primary" onClick={() => goPay(payUrl)} data-testid="order-pay">
          {t('order.pay')}
        </button>,
      );
  }
  if (openCase) {
    buttons.push(
      <button key="case" type="button" className="btn btn-ghost" onClick={() => navigate(`/after-sales/${openCase}`)} data-testid="order-view-after-sales">
        {t('order.viewAfterSales')}
      </button>,
    );
  } else if (canAsk && hasRefundable) {
    buttons.push(
      <button key="ask" type="button" className="btn btn-ghost" onClick={() => navigate(`/orders/${order.id}/after-sales`)} data-testid="order-after-sales">
        {order.status === 'paid' ? t('order.applyRefund') : t('order.applyAfterSales')}
      </button>,
    );
  }
  if (order.status === 'delivered') {
    buttons.push(
      <button key="receive" type="button" className="btn btn-primary" disabled={busy} onClick={() => void act(t('order.confirmReceiptAsk'), () => api.confirmReceipt(order.id))} data-testid="order-confirm-receipt">
        {t('order.confirmReceipt')}
      </button>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <>
      <div className="action-bar-spacer" />
      <footer className="action-bar order-actions">
        {error && (
          <div className="action-note action-err" role="alert">
            {error}
          </div>
        )}
        {order.status === 'created' && !payUrl && !polling && <div className="action-note">{t('order.payUrlUnknown')}</div>}
        <div className="action-row row-end">{buttons}</div>
      </footer>
    </>
  );
}
