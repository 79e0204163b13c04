import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../components/useLoad';
import type { Order } from '../types';
import { AddressReveal } from './AddressReveal';
import { DialogFooter } from '../components/FormDialog';

const TRACKING = /^[A-Za-z0-9-]{6,40}$/;

/** "发货": carrier + tracking number for a paid order. */
export function ShipDialog({ order, onDone, onClose }: { order: Order; onDone: (o: Order) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  // The server's list: the ship request takes its codes (sf, zto, …), the select shows names.
  const carriers = useLoad(() => api.carriers(), []);
  const ref = useRef<HTMLDialogElement>(null);
  const [carrier, setCarrier] = useState<string>('sf');
  const [trackingNo, setTrackingNo] = useState('');
  const [touched, setTouched] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const localInvalid = touched && !TRACKING.test(trackingNo.trim());
  const trackingError = fieldErrors.trackingNo ?? (localInvalid ? t('ship.trackingInvalid') : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      onDone(await api.shipOrder(order.id, { carrier, trackingNo: trackingNo.trim() }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setFieldErrors(fields);
      if (!fields.trackingNo && !fields.carrier) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const items = order.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="ship-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('ship.title')}</h3>
        <p className="muted small">
          {t('ship.orderLine', { id: order.id, n: items })}
        </p>
        <div className="ship-addr">
          <div className="field-label">{t('address.shipTo')}</div>
          <AddressReveal order={order} />
        </div>
        <label className={`field ${fieldErrors.carrier ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('ship.carrier')}</span>
          <select value={carrier} onChange={(e) => setCarrier(e.target.value)} data-testid="ship-carrier">
            {(carriers.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'zh' ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
          {fieldErrors.carrier && <span className="field-error">{fieldErrors.carrier}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('ship.trackingNo')}</span>
          <input
            autoFocus
            value={trackingNo}
            maxLength={40}
            aria-invalid={trackingError ? true : undefined}
            onChange={(e) => {
              setTrackingNo(e.target.value);
              setFieldErrors({});
            }}
            onBlur={() => setTouched(trackingNo !== '')}
            placeholder="SF1234567890"
            data-testid="ship-tracking"
          />
          {trackingError ? <span className="field-error" data-testid="ship-tracking-error">{trackingError}</span> : <span className="field-hint">{t('ship.trackingHint')}</span>}
        </label>
        <DialogFooter error={error} busy={busy} disabled={trackingNo.trim() === ''} onCancel={onClose} submitLabel={t('ship.submit')} testId="ship-submit" />
      </form>
    </dialog>
  );
}
