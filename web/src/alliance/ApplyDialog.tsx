// 申请带货: a creator asks the store to let them sell under an open plan that needs approval,
// with an optional note (their audience, how they would show the goods).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { MarketItem } from '../typesAlliance';
import { allianceApi, formatRate } from './allianceApi';

export function ApplyDialog({ item, onDone, onClose }: { item: MarketItem; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const plan = item.openPlan!;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await allianceApi.apply(plan.planId, note.trim() || undefined);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="apply-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h3>{t('alliance.apply.title')}</h3>
        <p className="muted small">{t('alliance.apply.what', { title: item.card?.title ?? item.productId, rate: formatRate(plan.rateBps) })}</p>
        <label className="field">
          <span className="field-label">{t('alliance.apply.note')}</span>
          <textarea rows={3} maxLength={200} autoFocus value={note} placeholder={t('alliance.apply.notePh')} onChange={(e) => setNote(e.target.value)} data-testid="apply-note" />
          <span className="field-hint">{note.length}/200</span>
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="row-gap row-end">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="apply-submit">
            {busy ? t('common.working') : t('alliance.apply.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
