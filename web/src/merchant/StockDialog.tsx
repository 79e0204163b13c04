import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Sku, StockReason } from '../types';

const REASONS: StockReason[] = ['restock', 'correction', 'damage', 'return'];

/** "调整库存": change a SKU's stock by a signed delta with a reason (logged by the server). */
export function StockDialog({ sku, label, onDone, onClose }: { sku: Sku; label: string; onDone: (stock: number) => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState<StockReason>('restock');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const n = /^[+-]?\d{1,8}$/.test(delta.trim()) ? Number(delta.trim()) : NaN;
  const valid = Number.isInteger(n) && n !== 0 && sku.stock + n >= 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.adjustStock(sku.id, { delta: n, reason, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone(r.stock);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="stock-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h3>{t('stock.title')}</h3>
        <p className="muted small">
          {label} · {t('stock.current', { n: sku.stock })}
        </p>
        <label className="field">
          <span className="field-label">{t('stock.delta')}</span>
          <input autoFocus inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} placeholder="+10 / -2" data-testid="stock-delta" />
          {delta && !valid && <span className="field-error">{t('stock.deltaInvalid')}</span>}
          {valid && <span className="field-hint">{t('stock.after', { n: sku.stock + n })}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('stock.reason')}</span>
          <select value={reason} onChange={(e) => setReason(REASONS.find((r) => r === e.target.value) ?? 'restock')} data-testid="stock-reason">
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`stock.reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('stock.note')}</span>
          <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="stock-note" />
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="row-gap row-end">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="stock-submit">
            {t('common.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
