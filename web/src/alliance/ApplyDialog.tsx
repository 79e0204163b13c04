// 申请带货: a creator asks the store to let them sell under an open plan that needs approval,
// with an optional note (their audience, how they would show the goods).
import { useState } from 'react';
import { DialogFooter, useModal, useSubmit } from '../components/FormDialog';
import { useI18n } from '../i18n';
import type { MarketItem } from '../typesAlliance';
import { allianceApi, formatRate } from './allianceApi';

export function ApplyDialog({ item, onDone, onClose }: { item: MarketItem; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useModal();
  const [note, setNote] = useState('');
  const plan = item.openPlan!;
  const { busy, error, onSubmit } = useSubmit(async () => {
    await allianceApi.apply(plan.planId, note.trim() || undefined);
    onDone();
  });

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="apply-dialog">
      <form onSubmit={(e) => void onSubmit(e)}>
        <h3>{t('alliance.apply.title')}</h3>
        <p className="muted small">{t('alliance.apply.what', { title: item.card?.title ?? item.productId, rate: formatRate(plan.rateBps) })}</p>
        <label className="field">
          <span className="field-label">{t('alliance.apply.note')}</span>
          <textarea rows={3} maxLength={200} autoFocus value={note} placeholder={t('alliance.apply.notePh')} onChange={(e) => setNote(e.target.value)} data-testid="apply-note" />
          <span className="field-hint">{note.length}/200</span>
        </label>
        <DialogFooter error={error} busy={busy} onCancel={onClose} submitLabel={t('alliance.apply.submit')} testId="apply-submit" />
      </form>
    </dialog>
  );
}
