import { Link } from 'react-router';
import { useI18n, type Lang } from '../i18n';
import type { OptionValues, OrderLine, OrderStatus } from '../types';
import { Price } from './Price';

export const ORDER_STATUSES: OrderStatus[] = ['created', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'];

export function isOrderStatus(v: string | null | undefined): v is OrderStatus {
  return ORDER_STATUSES.some((s) => s === v);
}

/** "颜色：红色；尺码：M" */
export function optionText(values: OptionValues): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

export function formatTime(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useI18n();
  const label = isOrderStatus(status) ? t(`order.status.${status}`) : status;
  return (
    <span className={`ostatus ostatus-${status}`} data-testid={testId}>
      {label}
    </span>
  );
}

/** One order line: image, title, options, unit price × quantity. */
export function OrderLineRow({ line, link = true }: { line: Pick<OrderLine, 'productId' | 'title' | 'optionValues' | 'imageUrl' | 'unitPriceFen' | 'quantity' | 'noReasonReturn'>; link?: boolean }) {
  const { t } = useI18n();
  const body = (
    <>
      <span className="line-img">{line.imageUrl ? <img src={line.imageUrl} alt="" /> : <span className="img-placeholder">◫</span>}</span>
      <span className="line-info">
        <span className="line-title">{line.title}</span>
        {Object.keys(line.optionValues).length > 0 && <span className="line-opts">{optionText(line.optionValues)}</span>}
        {line.noReasonReturn && <span className="tag tag-return">{t('product.noReasonReturn')}</span>}
      </span>
      <span className="line-side">
        <Price fen={line.unitPriceFen} size="sm" />
        <span className="muted small">×{line.quantity}</span>
      </span>
    </>
  );
  return link ? (
    <Link to={`/products/${line.productId}`} className="order-line">
      {body}
    </Link>
  ) : (
    <div className="order-line">{body}</div>
  );
}
