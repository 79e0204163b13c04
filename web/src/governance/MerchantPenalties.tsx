// 违规与申诉 (/merchant/penalties): the current store's standing — points of the last 365 days,
// reach ("流量受限至 50%，至 12/03"), the alliance gate with its reasons — and its penalties; 申诉
// opens a dialog for a penalty in effect, once (appealed ones read 申诉中 / 已撤销 / 已驳回).
import { useState } from 'react';
import { DialogFooter, useModal, useSubmit } from '../components/FormDialog';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import { governanceApi, type Penalty } from './governanceApi';
import { canAppeal, GovStyles, kindText, PenaltyTable, StandingSummary } from './MerchantPenaltiesParts';

export function MerchantPenalties() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const storeId = current?.id ?? null;
  const standing = useLoad(() => (storeId ? governanceApi.standing(storeId) : Promise.resolve(null)), [storeId]);
  const [appealing, setAppealing] = useState<Penalty | null>(null);
  return (
    <div data-testid="merchant-penalties">
      <GovStyles />
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('gov.m.title')}</h1>
          <p className="muted">{t('gov.m.subtitle')}</p>
        </div>
      </div>
      {!storeId ? (
        <Empty text={t('gov.m.noStore')} />
      ) : standing.loading && !standing.data ? (
        <Loading />
      ) : standing.error || !standing.data ? (
        <ErrorBox error={standing.error} onRetry={standing.reload} />
      ) : (
        <>
          <StandingSummary standing={standing.data} />
          <h2 className="mc-card-title">{t('gov.list.title')}</h2>
          {standing.data.penalties.length === 0 ? (
            <Empty text={t('gov.m.empty')} />
          ) : (
            <PenaltyTable
              penalties={standing.data.penalties}
              action={(p) =>
                canAppeal(p) ? (
                  <button type="button" className="btn btn-outline btn-sm" onClick={() => setAppealing(p)} data-testid="gov-appeal">
                    {t('gov.appeal.button')}
                  </button>
                ) : null
              }
            />
          )}
        </>
      )}
      {appealing && storeId && (
        <AppealDialog
          storeId={storeId}
          penalty={appealing}
          onClose={() => setAppealing(null)}
          onDone={() => {
            setAppealing(null);
            standing.reload();
          }}
        />
      )}
    </div>
  );
}

function AppealDialog({ storeId, penalty, onClose, onDone }: { storeId: string; penalty: Penalty; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useModal();
  const [text, setText] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await governanceApi.appeal(storeId, penalty.id, text.trim());
    onDone();
  });
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="gov-appeal-dialog">
      <form onSubmit={onSubmit}>
        <h3>{t('gov.appeal.title')}</h3>
        <p className="muted small">
          {kindText(penalty, t)} · {penalty.note}
        </p>
        <p className="muted small">{t('gov.appeal.once')}</p>
        <label className="field">
          <span className="field-label">{t('gov.appeal.text')}</span>
          <textarea value={text} maxLength={1000} rows={5} onChange={(e) => setText(e.target.value)} data-testid="gov-appeal-text" />
        </label>
        <DialogFooter error={error} busy={busy} disabled={text.trim() === ''} onCancel={onClose} submitLabel={t('gov.appeal.submit')} testId="gov-appeal-submit" />
      </form>
    </dialog>
  );
}
