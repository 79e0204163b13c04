// The operators' side of penalties on the 治理 page: there is no list of appealed penalties, so the
// operator opens a store's standing by its ID (points, reach, alliance gate, penalties) and decides
// its waiting appeals (accept revokes the penalty, reject keeps it; a note either way).
import { useState, type FormEvent } from 'react';
import { DialogFooter, useModal, useSubmit } from '../components/FormDialog';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { governanceApi, type Penalty } from './governanceApi';
import { GovStyles, kindText, PenaltyTable, StandingSummary } from './MerchantPenaltiesParts';

export function OpsStoreStanding() {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [storeId, setStoreId] = useState<string | null>(null);
  const standing = useLoad(() => (storeId ? governanceApi.opsStanding(storeId) : Promise.resolve(null)), [storeId]);
  const [deciding, setDeciding] = useState<Penalty | null>(null);
  const waiting = standing.data?.penalties.filter((p) => p.status === 'appealed').length ?? 0;
  function open(e: FormEvent) {
    e.preventDefault();
    const id = input.trim();
    if (id === storeId) standing.reload();
    else setStoreId(id || null);
  }
  return (
    <div data-testid="gov-ops-standing">
      <GovStyles />
      <form className="mc-card gov-lookup" onSubmit={open}>
        <label>
          {t('gov.ops.store.label')}
          <input value={input} onChange={(e) => setInput(e.target.value)} placeholder="sto_…" data-testid="gov-ops-store-id" />
        </label>
        <button type="submit" className="btn btn-primary btn-sm" disabled={input.trim() === ''} data-testid="gov-ops-store-open">
          {t('gov.ops.store.open')}
        </button>
        <p className="muted small" style={{ margin: 0, flex: '1 1 260px' }}>
          {storeId && standing.data && waiting > 0 ? <strong className="gov-bad">{t('gov.ops.store.waiting', { n: waiting })}</strong> : t('gov.ops.store.hint')}
        </p>
      </form>
      {!storeId ? null : standing.loading && !standing.data ? (
        <Loading />
      ) : standing.error || !standing.data ? (
        <ErrorBox error={standing.error} onRetry={standing.reload} />
      ) : (
        <>
          <StandingSummary standing={standing.data} />
          {standing.data.penalties.length === 0 ? (
            <Empty text={t('gov.m.empty')} />
          ) : (
            <PenaltyTable
              penalties={standing.data.penalties}
              action={(p) =>
                p.status === 'appealed' ? (
                  <button type="button" className="btn btn-outline btn-sm" onClick={() => setDeciding(p)} data-testid="gov-appeal-decide">
                    {t('gov.ops.appeal.decide')}
                  </button>
                ) : null
              }
            />
          )}
        </>
      )}
      {deciding && (
        <AppealDecideDialog
          penalty={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            standing.reload();
          }}
        />
      )}
    </div>
  );
}

function AppealDecideDialog({ penalty, onClose, onDone }: { penalty: Penalty; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useModal();
  const [accept, setAccept] = useState(true);
  const [note, setNote] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await governanceApi.decideAppeal(penalty.id, accept, note.trim());
    onDone();
  });
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="gov-appeal-decide-dialog">
      <form onSubmit={onSubmit}>
        <h3>{t('gov.ops.appeal.title')}</h3>
        <p className="muted small">
          {kindText(penalty, t)} · {penalty.note}
        </p>
        {penalty.appealText && <p className="small">{t('gov.appeal.mine', { text: penalty.appealText })}</p>}
        <div className="row-gap">
          <label>
            <input type="radio" checked={accept} onChange={() => setAccept(true)} data-testid="gov-appeal-accept" /> {t('gov.ops.appeal.accept')}
          </label>
          <label>
            <input type="radio" checked={!accept} onChange={() => setAccept(false)} data-testid="gov-appeal-reject" /> {t('gov.ops.appeal.reject')}
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('gov.ops.appeal.note')}</span>
          <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="gov-appeal-note" />
        </label>
        <DialogFooter error={error} busy={busy} disabled={note.trim() === ''} onCancel={onClose} submitLabel={t('gov.ops.appeal.submit')} testId="gov-appeal-decide-submit" />
      </form>
    </dialog>
  );
}
