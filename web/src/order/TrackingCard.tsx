// 物流信息 on the order page: the parcel's latest scan up front (status, where it is, when), the
// carrier and waybill number with a copy button, and every earlier scan behind "查看全部物流".
import { useState } from 'react';
import { formatTime } from '../components/OrderBits';
import { TruckIcon } from '../components/Icons';
import { useI18n } from '../i18n';
import type { Order } from '../types';

export function TrackingCard({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!order.carrier && !order.trackingNo) return null;
  const tr = order.tracking;
  const events = tr?.events ?? [];
  const latest = events[0];
  const status = tr?.status ?? 'pending';
  const shown = open ? events : events.slice(0, 1);

  function copy() {
    if (!order.trackingNo) return;
    void navigator.clipboard?.writeText(order.trackingNo).then(
      () => setCopied(true),
      () => undefined,
    );
  }

  return (
    <section className="card pad trk" data-testid="order-tracking" data-tracking-status={status}>
      <div className="trk-head">
        <span className={`trk-icon trk-icon-${status}`}>
          <TruckIcon />
        </span>
        <div className="trk-head-text">
          <div className="trk-status" data-testid="order-tracking-status">
            {t(`tracking.status.${status}`)}
          </div>
          <div className="trk-carrier">
            {tr?.carrierName ?? order.carrier} · <span className="mono">{order.trackingNo}</span>
            <button type="button" className="trk-copy" onClick={copy}>
              {copied ? t('tracking.copied') : t('tracking.copy')}
            </button>
          </div>
        </div>
      </div>
      {latest ? (
        <ol className="trk-events" data-testid="order-tracking-events">
          {shown.map((e, i) => (
            <li key={`${e.at}-${i}`} className={i === 0 ? 'trk-now' : ''} data-status={e.status}>
              <div className="trk-desc">{e.description}</div>
              <div className="trk-time">{formatTime(e.at, lang)}</div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="trk-waiting">
          {t('tracking.waiting')}
          {order.shippedAt && <span className="trk-time"> · {formatTime(order.shippedAt, lang)}</span>}
        </p>
      )}
      {events.length > 1 && (
        <button type="button" className="trk-more" onClick={() => setOpen(!open)} data-testid="order-tracking-more">
          {open ? t('tracking.less') : t('tracking.more', { n: events.length })} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
      )}
    </section>
  );
}
