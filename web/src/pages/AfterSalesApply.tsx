// 申请售后: type (仅退款 / 退货退款), which units, reason, amount (prefilled with the most that can
// be refunded), details. Before the order ships it is the whole order, refunded at once.
import { useMemo, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { allUnits, estimateRefundable, isWholeOrder, REASONS_BY_TYPE, type Picks } from '../aftersales/model';
import { useAuth } from '../auth';
import { OrderLineRow } from '../components/OrderBits';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { fenToInput, formatFen, yuanToFen } from '../money';
import type { CaseInput, CaseReason, CaseType, Order } from '../types';

export function AfterSalesApply() {
  const { t } = useI18n();
  const { orderId = '' } = useParams();
  const { user, loading } = useAuth();
  const order = useLoad(() => api.order(orderId), [orderId]);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `/orders/${orderId}/after-sales` }} />;
  const o = order.data;
  return (
    <div className="as-page">
      <TopBar title={o?.status === 'paid' ? t('afterSales.applyRefund') : t('afterSales.apply')} />
      {order.loading && !o ? <Loading /> : order.error || !o ? <ErrorBox error={order.error} onRetry={order.reload} /> : <ApplyForm order={o} />}
    </div>
  );
}

function ApplyForm({ order }: { order: Order }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const beforeShipping = order.status === 'paid';
  const [type, setType] = useState<CaseType>(beforeShipping || order.status === 'shipped' ? 'refund_only' : 'return_refund');
  const [reason, setReason] = useState<CaseReason | ''>(beforeShipping ? 'other' : '');
  const [picks, setPicks] = useState<Picks>(() => allUnits(order));
  const [amountText, setAmountText] = useState<string | null>(null); // null: not edited, use the maximum
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const maxFen = useMemo(() => estimateRefundable(order, picks), [order, picks]);
  const chosen = order.lines.filter((l) => (picks[l.lineNo] ?? 0) > 0);
  const noReasonOk = chosen.length > 0 && chosen.every((l) => l.noReasonReturn);
  const reasons = REASONS_BY_TYPE[type].filter((r) => r !== 'no_reason' || noReasonOk);
  const shownAmount = amountText ?? fenToInput(maxFen);

  function pickType(next: CaseType) {
    setType(next);
    if (reason && !REASONS_BY_TYPE[next].includes(reason)) setReason('');
  }

  function setQty(lineNo: number, q: number) {
    setPicks((p) => ({ ...p, [lineNo]: q }));
    setAmountText(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (chosen.length === 0) found.lines = t('afterSales.pickLines');
    if (!reason) found.reason = t('afterSales.reasonPick');
    let amountFen: number | undefined;
    if (amountText !== null) {
      const fen = yuanToFen(amountText);
      if (fen === null || fen <= 0 || fen > maxFen) found.amountFen = t('afterSales.amountInvalid', { amount: formatFen(maxFen) });
      else if (fen < maxFen) amountFen = fen;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !reason) return;
    const body: CaseInput = { type, reason };
    if (note.trim()) body.note = note.trim();
    if (!beforeShipping && !isWholeOrder(order, picks)) body.lines = chosen.map((l) => ({ lineNo: l.lineNo, quantity: picks[l.lineNo] ?? 0 }));
    if (amountFen !== undefined) body.amountFen = amountFen;
    setBusy(true);
    setError(null);
    try {
      const c = await api.openCase(order.id, body);
      navigate(`/after-sales/${c.id}`, { replace: true });
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      const mine: Record<string, string> = {};
      for (const [k, v] of Object.entries(fields)) mine[k.startsWith('lines') ? 'lines' : k] = v;
      setErrors(mine);
      if (!mine.lines && !mine.reason && !mine.amountFen && !mine.type) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="after-sales-form">
      {beforeShipping && <div className="as-tip">{t('afterSales.beforeShipping')}</div>}

      {!beforeShipping && (
        <section className="card pad">
          <h2 className="card-title">{t('afterSales.type')}</h2>
          <div className="as-types" role="radiogroup">
            {(['refund_only', 'return_refund'] as const).map((ty) => (
              <button key={ty} type="button" role="radio" aria-checked={type === ty} className={`as-type ${type === ty ? 'on' : ''}`} onClick={() => pickType(ty)} data-testid={`as-type-${ty}`}>
                <span className="as-type-name">{t(`afterSales.type.${ty}`)}</span>
                <span className="as-type-hint">{t(`afterSales.typeHint.${ty}`)}</span>
              </button>
            ))}
          </div>
        </section>
      )}

      <section className={`card pad ${errors.lines ? 'as-invalid' : ''}`}>
        <h2 className="card-title">{t('afterSales.goods')}</h2>
        {order.lines.map((l) => {
          const q = picks[l.lineNo] ?? 0;
          return (
            <div key={l.lineNo} className={`as-line ${q > 0 ? '' : 'as-line-off'}`}>
              {!beforeShipping && (
                <label className="as-check">
                  <input type="checkbox" className="sr-only" checked={q > 0} onChange={(e) => setQty(l.lineNo, e.target.checked ? l.quantity : 0)} data-testid={`as-line-${l.lineNo}`} />
                  <span className={`radio-dot radio-dot-sm ${q > 0 ? 'on' : ''}`} aria-hidden="true" />
                </label>
              )}
              <OrderLineRow line={l} link={false} />
              {!beforeShipping && l.quantity > 1 && q > 0 && (
                <div className="stepper stepper-sm as-qty">
                  <button type="button" aria-label="-" disabled={q <= 1} onClick={() => setQty(l.lineNo, q - 1)}>
                    −
                  </button>
                  <span className="stepper-value">{q}</span>
                  <button type="button" aria-label="+" disabled={q >= l.quantity} onClick={() => setQty(l.lineNo, q + 1)}>
                    +
                  </button>
                </div>
              )}
            </div>
          );
        })}
        {errors.lines && <div className="field-error">{errors.lines}</div>}
      </section>

      <section className="card pad as-fields">
        {beforeShipping ? (
          <div className="as-field">
            <div className="as-field-label">{t('afterSales.reason')}</div>
            <div className="chips chips-wrap">
              <span className="chip chip-reason chip-on">{t('afterSales.reason.changedMind')}</span>
            </div>
          </div>
        ) : (
          <div className={`as-field ${errors.reason ? 'as-invalid' : ''}`}>
            <div className="as-field-label">{t('afterSales.reason')}</div>
            <div className="chips chips-wrap">
              {reasons.map((r) => (
                <button key={r} type="button" className={`chip chip-reason ${reason === r ? 'chip-on' : ''}`} aria-pressed={reason === r} onClick={() => setReason(r)} data-testid={`as-reason-${r}`}>
                  {t(`afterSales.reason.${r}`)}
                </button>
              ))}
            </div>
            {errors.reason && <div className="field-error">{errors.reason}</div>}
            {type === 'return_refund' && !noReasonOk && chosen.length > 0 && <div className="field-hint">{t('afterSales.noReasonNotAllowed')}</div>}
          </div>
        )}
        <label className={`as-field as-amount ${errors.amountFen ? 'as-invalid' : ''}`}>
          <span className="as-field-label">{t('afterSales.amount')}</span>
          <span className="as-amount-input">
            <span className="price">¥</span>
            <input inputMode="decimal" value={shownAmount} disabled={beforeShipping} onChange={(e) => setAmountText(e.target.value)} data-testid="as-amount" />
          </span>
          <span className="field-hint">{t('afterSales.amountMax', { amount: formatFen(maxFen) })}</span>
          {errors.amountFen && <span className="field-error">{errors.amountFen}</span>}
        </label>
        <label className="as-field">
          <span className="as-field-label">{t('afterSales.note')}</span>
          <textarea rows={3} maxLength={500} value={note} placeholder={t('afterSales.notePh')} onChange={(e) => setNote(e.target.value)} data-testid="as-note" />
        </label>
      </section>
      {error && (
        <p className="form-error addr-form-error" role="alert">
          {error}
        </p>
      )}
      <div className="action-bar-spacer" />
      <footer className="action-bar">
        <div className="action-row">
          <button type="submit" className="btn btn-primary btn-block addr-save" disabled={busy} data-testid="as-submit">
            {busy ? t('common.working') : t('afterSales.submit')}
          </button>
        </div>
      </footer>
    </form>
  );
}
