// 店铺优惠券: the store's coupons (rule, window, claimed of total, status) with 结束发放, and a
// form to issue a new one (满减 or 折扣, for the whole store or one live room).
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { couponShort } from '../components/CouponBits';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Coupon } from '../types';
import { useMerchant } from './context';
import { newDraft, toBody, type CouponDraft, type DraftErrors } from './couponForm';
import { DialogFooter } from '../components/FormDialog';

export function CouponManager() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('merchant.coupons.title')}</h1>
          <p className="muted">{t('merchant.coupons.subtitle', { store: current.name })}</p>
        </div>
        {!creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="coupon-new">
            + {t('merchant.coupons.new')}
          </button>
        )}
      </div>
      {creating && (
        <CouponForm
          storeId={current.id}
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setTick((n) => n + 1);
          }}
        />
      )}
      <CouponTable key={`${current.id}-${tick}`} storeId={current.id} />
    </>
  );
}

function CouponTable({ storeId }: { storeId: string }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => api.merchantCoupons(storeId, { limit: 100 }), [storeId]);
  const [error, setError] = useState<string | null>(null);
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('merchant.coupons.empty')} />;
  const page = list.data;

  async function end(c: Coupon) {
    if (!window.confirm(t('merchant.coupons.endAsk'))) return;
    setError(null);
    try {
      const next = await api.endCoupon(storeId, c.id);
      list.setData({ ...page, items: page.items.map((x) => (x.id === next.id ? next : x)) });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="mc-card mc-table-wrap">
      {error && <p className="form-error mc-table-meta">{error}</p>}
      <div className="muted small mc-table-meta">{t('merchant.coupons.total', { n: page.total })}</div>
      <table className="mc-table" data-testid="merchant-coupons">
        <thead>
          <tr>
            <th>{t('merchant.coupons.col.coupon')}</th>
            <th>{t('merchant.coupons.col.rule')}</th>
            <th>{t('merchant.coupons.col.window')}</th>
            <th className="num">{t('merchant.coupons.col.claimed')}</th>
            <th className="num">{t('merchant.coupons.col.limit')}</th>
            <th>{t('merchant.coupons.col.status')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={c.id} data-testid="merchant-coupon-row" className={c.status === 'ended' ? 'row-muted' : ''}>
              <td>
                <div className="mc-link">{c.title}</div>
                <div className="muted small">
                  {c.scope === 'live_room' ? `${t('coupon.scope.live_room')} · ${c.liveRoomId ?? ''}` : t('merchant.coupons.form.scope.store')}
                </div>
              </td>
              <td>
                <span className="coupon-strip-tag">{couponShort(c, t, lang)}</span>
                {c.kind === 'percent' && c.maxOffFen ? <div className="muted small">{t('coupon.maxOff', { amount: formatFen(c.maxOffFen) })}</div> : null}
              </td>
              <td className="small nowrap">
                <div>{formatTime(c.startsAt, lang)}</div>
                <div className="muted">{formatTime(c.endsAt, lang)}</div>
              </td>
              <td className="num">
                {c.claimedQuantity} / {c.totalQuantity}
                <div className="mc-bar">
                  <span style={{ width: `${Math.min(100, (100 * c.claimedQuantity) / Math.max(1, c.totalQuantity))}%` }} />
                </div>
              </td>
              <td className="num">{c.perUserLimit}</td>
              <td>
                <span className={`status status-coupon-${c.status}`}>{t(`merchant.coupons.status.${c.status}`)}</span>
              </td>
              <td className="actions">
                {c.status !== 'ended' && (
                  <button type="button" className="link-btn" onClick={() => void end(c)} data-testid={`coupon-end-${c.id}`}>
                    {t('merchant.coupons.end')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CouponForm({ storeId, onCreated, onCancel }: { storeId: string; onCreated: (c: Coupon) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<CouponDraft>(() => newDraft());
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CouponDraft>(k: K, v: CouponDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const msg = (k: keyof CouponDraft, apiField?: string): string | undefined => {
    const e = errors[k];
    if (e === 'offTooBig') return t('merchant.coupons.form.offTooBig');
    if (e === 'window') return t('merchant.coupons.form.windowInvalid');
    if (e) return t('merchant.coupons.form.invalidNumber');
    return apiField ? serverErrors[apiField] : undefined;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = toBody(d);
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    setBusy(true);
    setError(null);
    setServerErrors({});
    try {
      onCreated(await api.createCoupon(storeId, r.body));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setServerErrors(fields);
      if (Object.keys(fields).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const field = (k: keyof CouponDraft, label: string, input: ReactNode, hint?: string, apiField?: string) => {
    const m = msg(k, apiField);
    return (
      <label className={`field ${m ? 'field-invalid' : ''}`}>
        <span className="field-label">{label}</span>
        {input}
        {m ? <span className="field-error">{m}</span> : hint ? <span className="field-hint">{hint}</span> : null}
      </label>
    );
  };

  return (
    <form className="mc-card coupon-form" onSubmit={(e) => void submit(e)} noValidate data-testid="coupon-form">
      <h2 className="mc-card-title">{t('merchant.coupons.new')}</h2>
      <div className="coupon-form-grid">
        {field('title', t('merchant.coupons.form.title'), <input value={d.title} maxLength={40} placeholder={t('merchant.coupons.form.titlePh')} onChange={(e) => set('title', e.target.value)} data-testid="coupon-title" />, undefined, 'title')}
        <div className="field">
          <span className="field-label">{t('merchant.coupons.form.kind')}</span>
          <div className="seg">
            {(['amount', 'percent'] as const).map((k) => (
              <button key={k} type="button" className={`seg-item seg-btn ${d.kind === k ? 'on' : ''}`} aria-pressed={d.kind === k} onClick={() => set('kind', k)} data-testid={`coupon-kind-${k}`}>
                {t(`merchant.coupons.form.kind.${k}`)}
              </button>
            ))}
          </div>
        </div>
        {field('threshold', t('merchant.coupons.form.threshold'), <input inputMode="decimal" value={d.threshold} onChange={(e) => set('threshold', e.target.value)} data-testid="coupon-threshold" />, t('merchant.coupons.form.thresholdHint'), 'thresholdFen')}
        {d.kind === 'amount'
          ? field('amountOff', t('merchant.coupons.form.amountOff'), <input inputMode="decimal" value={d.amountOff} onChange={(e) => set('amountOff', e.target.value)} data-testid="coupon-amount-off" />, undefined, 'amountOffFen')
          : field('zhe', t('merchant.coupons.form.zhe'), <input inputMode="decimal" value={d.zhe} onChange={(e) => set('zhe', e.target.value)} data-testid="coupon-zhe" />, t('merchant.coupons.form.zheHint'), 'percentOffBps')}
        {d.kind === 'percent' && field('maxOff', t('merchant.coupons.form.maxOff'), <input inputMode="decimal" value={d.maxOff} onChange={(e) => set('maxOff', e.target.value)} data-testid="coupon-max-off" />, undefined, 'maxOffFen')}
        {field('startsAt', t('merchant.coupons.form.startsAt'), <input type="datetime-local" value={d.startsAt} onChange={(e) => set('startsAt', e.target.value)} data-testid="coupon-starts" />, undefined, 'startsAt')}
        {field('endsAt', t('merchant.coupons.form.endsAt'), <input type="datetime-local" value={d.endsAt} onChange={(e) => set('endsAt', e.target.value)} data-testid="coupon-ends" />, undefined, 'endsAt')}
        {field('totalQuantity', t('merchant.coupons.form.totalQuantity'), <input inputMode="numeric" value={d.totalQuantity} onChange={(e) => set('totalQuantity', e.target.value)} data-testid="coupon-total" />, undefined, 'totalQuantity')}
        {field('perUserLimit', t('merchant.coupons.form.perUserLimit'), <input inputMode="numeric" value={d.perUserLimit} onChange={(e) => set('perUserLimit', e.target.value)} data-testid="coupon-per-user" />, undefined, 'perUserLimit')}
        <div className="field">
          <span className="field-label">{t('merchant.coupons.form.scope')}</span>
          <div className="seg">
            {(['store', 'live_room'] as const).map((k) => (
              <button key={k} type="button" className={`seg-item seg-btn ${d.scope === k ? 'on' : ''}`} aria-pressed={d.scope === k} onClick={() => set('scope', k)} data-testid={`coupon-scope-${k}`}>
                {t(`merchant.coupons.form.scope.${k}`)}
              </button>
            ))}
          </div>
        </div>
        {d.scope === 'live_room' && field('liveRoomId', t('merchant.coupons.form.liveRoomId'), <input value={d.liveRoomId} maxLength={64} onChange={(e) => set('liveRoomId', e.target.value)} data-testid="coupon-room" />, undefined, 'liveRoomId')}
      </div>
      <DialogFooter error={error} busy={busy} onCancel={onCancel} submitLabel={t('merchant.coupons.form.create')} testId="coupon-create" />
    </form>
  );
}
