// 调整推广计划: a new rate (a raise applies at once; a cut is announced and applies after the notice
// and lock periods, the server says when) and the plan's terms. An announced cut can be called off
// by asking for the rate in force again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { useI18n } from '../i18n';
import { fenToInput, yuanToFen } from '../money';
import type { Plan, PlanPatch } from '../typesAlliance';
import { allianceApi, formatRate, percentToBps } from './allianceApi';
import { KindTag } from './bits';
import { DialogFooter } from '../components/FormDialog';

const asPercent = (bps: number) => formatRate(bps).replace('%', '');

export function PlanEditDialog({ storeId, plan, title, onDone, onClose }: { storeId: string; plan: Plan; title: string; onDone: (p: Plan) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const asked = plan.pendingRate?.rateBps ?? plan.rateBps;
  const [rate, setRate] = useState(asPercent(asked));
  const [approval, setApproval] = useState(plan.approvalRequired);
  const [samples, setSamples] = useState(plan.freeSamples);
  const [fee, setFee] = useState(fenToInput(plan.flatFeeFen));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const named = plan.kind !== 'open';
  const bps = percentToBps(rate);
  const change = bps === null || bps === asked ? null : bps > plan.rateBps ? 'raise' : bps < plan.rateBps ? 'cut' : 'restore';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (bps === null || bps <= 0) found.rateBps = t('alliance.form.rateInvalid');
    const feeFen = named ? (fee.trim() ? yuanToFen(fee) : 0) : 0;
    if (feeFen === null) found.flatFeeFen = t('merchant.coupons.form.invalidNumber');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: PlanPatch = {};
    if (bps !== asked) body.rateBps = bps!;
    if (!named && approval !== plan.approvalRequired) body.approvalRequired = approval;
    if (samples !== plan.freeSamples) body.freeSamples = samples;
    if (named && feeFen !== plan.flatFeeFen) body.flatFeeFen = feeFen!;
    if (Object.keys(body).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      onDone(await allianceApi.updatePlan(storeId, plan.id, body));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog al-dialog" onClose={onClose} onCancel={onClose} data-testid="plan-edit-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('alliance.plan.editTitle')}</h3>
        <p className="muted small al-dialog-sub">
          <KindTag kind={plan.kind} /> {title}
        </p>
        <div className="al-rate-box">
          <div>
            <span className="muted small">{t('alliance.plan.rateNow')}</span> <strong>{formatRate(plan.rateBps)}</strong>
          </div>
          {plan.pendingRate && (
            <div className="al-pending">
              {t('alliance.plan.pending', { rate: formatRate(plan.pendingRate.rateBps), at: formatTime(plan.pendingRate.effectiveAt, lang) })}{' '}
              <button type="button" className="link-btn" onClick={() => setRate(asPercent(plan.rateBps))} data-testid="plan-cancel-cut">
                {t('alliance.plan.callOff')}
              </button>
            </div>
          )}
        </div>
        <label className={`field ${errors.rateBps ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('alliance.form.rate')}</span>
          <span className="al-suffix-input">
            <input inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} data-testid="plan-edit-rate" />
            <span>%</span>
          </span>
          {errors.rateBps ? <span className="field-error">{errors.rateBps}</span> : <span className="field-hint">{t(`alliance.plan.rule.${change ?? 'none'}`)}</span>}
        </label>
        {named ? (
          <label className={`field ${errors.flatFeeFen ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('alliance.form.flatFee')}</span>
            <span className="al-suffix-input">
              <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} data-testid="plan-edit-fee" />
              <span>{t('alliance.form.yuanPerOrder')}</span>
            </span>
            {errors.flatFeeFen && <span className="field-error">{errors.flatFeeFen}</span>}
          </label>
        ) : (
          <label className="check">
            <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} />
            <span>{t('alliance.form.approval')}</span>
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={samples} onChange={(e) => setSamples(e.target.checked)} />
          <span>{t('alliance.form.samples')}</span>
        </label>
        <DialogFooter error={error} busy={busy} onCancel={onClose} submitLabel={t('common.save')} testId="plan-edit-submit" />
      </form>
    </dialog>
  );
}
