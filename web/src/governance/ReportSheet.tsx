// 举报 on a product page: a link that opens a bottom sheet with the reason and details; signed-out
// shoppers are sent to sign in. The server refuses floods (429), shown as its message.
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { useSubmit } from '../components/FormDialog';
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import { governanceApi, type ReportReason } from './governanceApi';

const REASONS: ReportReason[] = ['not_as_shown', 'false_claim', 'counterfeit', 'other'];

export function ReportLink({ productId }: { productId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  if (!user) {
    return (
      <Link to="/login" className="muted small" title={t('gov.report.signIn')} data-testid="report-product">
        {t('gov.report')}
      </Link>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-ghost btn-sm muted" onClick={() => setOpen(true)} data-testid="report-product">
        {t('gov.report')}
      </button>
      {open && <ReportSheet productId={productId} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReportSheet({ productId, onClose }: { productId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<ReportReason>('not_as_shown');
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => {
    await governanceApi.report({ targetType: 'product', targetId: productId, reason, ...(text.trim() ? { text: text.trim() } : {}) });
    setDone(true);
  });
  return (
    <Sheet
      title={t('gov.report.title')}
      onClose={onClose}
      testId="report-sheet"
      footer={
        done ? undefined : (
          <button type="submit" form="report-form" className="btn btn-primary btn-block" disabled={busy} data-testid="report-submit">
            {busy ? t('common.working') : t('gov.report.submit')}
          </button>
        )
      }
    >
      {done ? (
        <p data-testid="report-done">{t('gov.report.done')}</p>
      ) : (
        <form id="report-form" onSubmit={onSubmit}>
          <label className="field">
            <span className="field-label">{t('gov.report.reason')}</span>
            <select value={reason} onChange={(e) => setReason(e.target.value as ReportReason)} data-testid="report-reason">
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`gov.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('gov.report.text')}</span>
            <textarea value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          </label>
          {error && <p className="form-error">{error}</p>}
        </form>
      )}
    </Sheet>
  );
}
