// Pieces shared by the buyer's case page, the case list and the merchant's queue.
import { formatTime } from '../components/OrderBits';
import { useI18n } from '../i18n';
import type { AfterSalesCase, CaseStatus } from '../types';

const ACTIONS = ['open', 'approve', 'reject', 'escalate', 'decide_approve', 'decide_reject', 'cancel', 'ship_return', 'expire', 'confirm_return', 'refund_settled'] as const;
const ACTORS = ['buyer', 'merchant', 'system', 'operator'] as const;
const isAction = (a: string): a is (typeof ACTIONS)[number] => ACTIONS.some((x) => x === a);
const isActor = (a: string): a is (typeof ACTORS)[number] => ACTORS.some((x) => x === a);

/** A case's status; `merchant` words it for the store (待处理 rather than 等待商家处理). */
export function CaseStatusTag({ status, merchant = false }: { status: CaseStatus; merchant?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`cstatus cstatus-${status}`} data-testid="case-status" data-status={status}>
      {merchant ? t(`merchant.afterSales.status.${status}`) : t(`afterSales.status.${status}`)}
    </span>
  );
}

/** The case's own history, newest first. */
export function CaseTimeline({ c }: { c: AfterSalesCase }) {
  const { t, lang } = useI18n();
  return (
    <ol className="timeline" data-testid="case-history">
      {[...c.history].reverse().map((h, i) => (
        <li key={`${h.at}-${i}`} className={i === 0 ? 'timeline-now' : ''}>
          <div className="timeline-title">
            <strong className="small">{isAction(h.action) ? t(`afterSales.action.${h.action}`) : h.action}</strong>
            <span className="muted small">{formatTime(h.at, lang)}</span>
          </div>
          <div className="muted small">
            {isActor(h.actor) ? t(`afterSales.actor.${h.actor}`) : h.actor}
            {h.note ? ` · ${h.note}` : ''}
          </div>
        </li>
      ))}
    </ol>
  );
}
