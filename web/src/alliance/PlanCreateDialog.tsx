// 新建推广计划: one of the store's goods on sale, the kind (open to every creator, targeted at one,
// or exclusive to one), the rate in %, and the terms: approval (open plans), free samples, and a
// flat fee per order (targeted and exclusive plans). The server checks the rate's bounds.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen, yuanToFen } from '../money';
import type { Plan, PlanInput, PlanKind } from '../typesAlliance';
import { videoApi } from '../video/videoApi';
import { allianceApi, commissionOn, formatRate, percentToBps } from './allianceApi';
import { DialogFooter } from '../components/FormDialog';

const KINDS: PlanKind[] = ['open', 'targeted', 'exclusive'];

export function PlanCreateDialog({ storeId, onDone, onClose }: { storeId: string; onDone: (p: Plan) => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const goods = useLoad(() => api.myProducts(storeId, { status: 'active', limit: 100 }), [storeId]);
  const [productId, setProductId] = useState('');
  const [kind, setKind] = useState<PlanKind>('open');
  const [creatorId, setCreatorId] = useState('');
  const [creatorName, setCreatorName] = useState<string | null | undefined>(undefined);
  const [rate, setRate] = useState('');
  const [approval, setApproval] = useState(false);
  const [samples, setSamples] = useState(false);
  const [fee, setFee] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const named = kind !== 'open';
  const bps = percentToBps(rate);
  const product = goods.data?.items.find((p) => p.id === productId);

  async function lookUp() {
    const id = creatorId.trim();
    if (!id) return setCreatorName(undefined);
    try {
      setCreatorName((await videoApi.creator(id)).name);
    } catch {
      setCreatorName(null);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!productId) found.productId = t('alliance.form.pickGoods');
    if (bps === null || bps <= 0) found.rateBps = t('alliance.form.rateInvalid');
    if (named && !creatorId.trim()) found.creatorId = t('alliance.form.creatorRequired');
    const feeFen = named && fee.trim() ? yuanToFen(fee) : 0;
    if (feeFen === null) found.flatFeeFen = t('merchant.coupons.form.invalidNumber');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: PlanInput = { productId, kind, rateBps: bps!, freeSamples: samples };
    if (named) {
      body.creatorId = creatorId.trim();
      if (feeFen) body.flatFeeFen = feeFen;
    } else body.approvalRequired = approval;
    setBusy(true);
    setError(null);
    try {
      onDone(await allianceApi.createPlan(storeId, body));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => (errors[k] ? <span className="field-error">{errors[k]}</span> : null);
  return (
    <dialog ref={ref} className="dialog al-dialog" onClose={onClose} onCancel={onClose} data-testid="plan-create-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('alliance.plan.new')}</h3>
        <p className="muted small">{t('alliance.form.intro')}</p>
        <label className={`field ${errors.productId ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('alliance.form.goods')}</span>
          <select value={productId} onChange={(e) => setProductId(e.target.value)} disabled={!goods.data} data-testid="plan-product">
            <option value="">{goods.data && goods.data.items.length === 0 ? t('alliance.form.noGoods') : t('alliance.form.pickGoods')}</option>
            {(goods.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} · {formatFen(p.minPriceFen)}
              </option>
            ))}
          </select>
          {err('productId')}
        </label>
        <div className="field">
          <span className="field-label">{t('alliance.form.kind')}</span>
          <div className="seg">
            {KINDS.map((k) => (
              <button key={k} type="button" className={`seg-item seg-btn ${kind === k ? 'on' : ''}`} aria-pressed={kind === k} onClick={() => setKind(k)} data-testid={`plan-kind-${k}`}>
                {t(`alliance.kind.${k}`)}
              </button>
            ))}
          </div>
          <span className="field-hint">{t(`alliance.kind.${kind}.hint`)}</span>
          {err('kind')}
        </div>
        {named && (
          <label className={`field ${errors.creatorId ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('alliance.form.creatorId')}</span>
            <input value={creatorId} maxLength={64} placeholder="usr_…" onChange={(e) => (setCreatorId(e.target.value), setCreatorName(undefined))} onBlur={() => void lookUp()} data-testid="plan-creator" />
            {errors.creatorId ? err('creatorId') : creatorName === null ? <span className="field-error">{t('alliance.form.creatorUnknown')}</span> : creatorName ? <span className="field-hint">✓ {creatorName}</span> : <span className="field-hint">{t('alliance.form.creatorHint')}</span>}
          </label>
        )}
        <div className="al-form-row">
          <label className={`field ${errors.rateBps ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('alliance.form.rate')}</span>
            <span className="al-suffix-input">
              <input inputMode="decimal" value={rate} placeholder="15" onChange={(e) => setRate(e.target.value)} data-testid="plan-rate" />
              <span>%</span>
            </span>
            {errors.rateBps ? err('rateBps') : <span className="field-hint">{t('alliance.form.rateHint')}</span>}
          </label>
          {named && (
            <label className={`field ${errors.flatFeeFen ? 'field-invalid' : ''}`}>
              <span className="field-label">{t('alliance.form.flatFee')}</span>
              <span className="al-suffix-input">
                <input inputMode="decimal" value={fee} placeholder="0" onChange={(e) => setFee(e.target.value)} data-testid="plan-fee" />
                <span>{t('alliance.form.yuanPerOrder')}</span>
              </span>
              {err('flatFeeFen')}
            </label>
          )}
        </div>
        {product && bps !== null && bps > 0 && (
          <p className="al-preview" data-testid="plan-preview">
            {t('alliance.form.preview', { price: formatFen(product.minPriceFen), rate: formatRate(bps), amount: formatFen(commissionOn(product.minPriceFen, bps)) })}
          </p>
        )}
        {!named && (
          <label className="check">
            <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} data-testid="plan-approval" />
            <span>{t('alliance.form.approval')}</span>
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={samples} onChange={(e) => setSamples(e.target.checked)} data-testid="plan-samples" />
          <span>{t('alliance.form.samples')}</span>
        </label>
        {err('approvalRequired')}
        <DialogFooter error={error} busy={busy} onCancel={onClose} submitLabel={t('alliance.form.create')} testId="plan-submit" />
      </form>
    </dialog>
  );
}
