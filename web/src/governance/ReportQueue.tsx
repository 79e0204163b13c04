// 治理 (/ops/governance): the open reports, oldest first, each with how many open reports its
// target has; 处理 opens the decision dialog (upheld or dismissed, a note, an optional penalty).
// The second tab opens a store's standing by ID and decides its appeals (MerchantPenaltiesOps).
import { useState } from 'react';
import { Link } from 'react-router';
import { DialogFooter, useModal, useSubmit } from '../components/FormDialog';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { governanceApi, type PenaltyKind, type Report } from './governanceApi';
import { OpsStoreStanding } from './MerchantPenaltiesOps';

export function ReportQueue() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'reports' | 'appeals'>('reports');
  return (
    <div>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('gov.ops.title')}</h1>
          <p className="muted">{t('gov.ops.subtitle')}</p>
        </div>
      </div>
      <div className="gov-tabs row-gap" role="tablist">
        {(['reports', 'appeals'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={`btn btn-sm ${tab === k ? 'btn-primary' : 'btn-ghost'}`} onClick={() => setTab(k)} data-testid={`gov-tab-${k}`}>
            {t(`gov.ops.tab.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'reports' ? <Reports /> : <OpsStoreStanding />}
    </div>
  );
}

function Reports() {
  const { t, lang } = useI18n();
  const queue = useLoad(() => governanceApi.queue('open'), []);
  const [deciding, setDeciding] = useState<Report | null>(null);
  return (
    <div data-testid="gov-queue">
      {queue.loading && !queue.data ? (
        <Loading />
      ) : queue.error || !queue.data ? (
        <ErrorBox error={queue.error} onRetry={queue.reload} />
      ) : queue.data.items.length === 0 ? (
        <Empty text={t('gov.ops.empty')} />
      ) : (
        <section className="card mc-table-wrap">
          <table className="mc-table">
            <thead>
              <tr>
                <th>{t('gov.ops.target')}</th>
                <th>{t('gov.ops.reason')}</th>
                <th>{t('gov.ops.count')}</th>
                <th>{t('gov.ops.at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((r) => (
                <tr key={r.id} data-testid="gov-report-row">
                  <td>
                    <span className="tag">{t(`gov.target.${r.targetType}`)}</span>
                    {r.targetType === 'product' ? <Link to={`/products/${r.targetId}`}>{r.targetId}</Link> : r.targetType === 'store' ? <Link to={`/stores/${r.targetId}`}>{r.targetId}</Link> : r.targetId}
                  </td>
                  <td>
                    {t(`gov.reason.${r.reason}`)}
                    {r.text && <div className="muted small">{r.text}</div>}
                  </td>
                  <td>{r.openOnTarget}</td>
                  <td className="muted small">{formatTime(r.createdAt, lang)}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-outline btn-sm" onClick={() => setDeciding(r)} data-testid="gov-decide">
                      {t('gov.ops.decide')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {deciding && (
        <DecideDialog
          report={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            queue.reload();
          }}
        />
      )}
    </div>
  );
}

const KINDS: PenaltyKind[] = ['warning', 'points', 'reduced_reach', 'takedown', 'alliance_suspension'];

function DecideDialog({ report, onClose, onDone }: { report: Report; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useModal();
  const [uphold, setUphold] = useState(true);
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<PenaltyKind | ''>('');
  const [points, setPoints] = useState('3');
  const [days, setDays] = useState('7');
  const [factor, setFactor] = useState('0.5');
  const { busy, error, onSubmit } = useSubmit(async () => {
    const penalty = uphold && kind ? { kind, ...(kind === 'points' ? { points: Number(points) } : {}), ...(kind === 'reduced_reach' || kind === 'alliance_suspension' ? { days: Number(days) } : {}), ...(kind === 'reduced_reach' ? { factor: Number(factor) } : {}) } : undefined;
    await governanceApi.decide(report.id, { uphold, note, ...(penalty ? { penalty } : {}) });
    onDone();
  });
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="gov-decide-dialog">
      <form onSubmit={onSubmit}>
        <h3>{t('gov.decide.title')}</h3>
        <p className="muted small">
          {t(`gov.target.${report.targetType}`)} · {t(`gov.reason.${report.reason}`)}
        </p>
        <div className="row-gap">
          <label>
            <input type="radio" checked={uphold} onChange={() => setUphold(true)} /> {t('gov.decide.uphold')}
          </label>
          <label>
            <input type="radio" checked={!uphold} onChange={() => setUphold(false)} data-testid="gov-dismiss" /> {t('gov.decide.dismiss')}
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('gov.decide.note')}</span>
          <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="gov-note" />
        </label>
        {uphold && (
          <label className="field">
            <span className="field-label">{t('gov.decide.penalty')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as PenaltyKind | '')} data-testid="gov-penalty">
              <option value="">{t('gov.penalty.none')}</option>
              {KINDS.filter((k) => k !== 'takedown' || report.targetType === 'product').map((k) => (
                <option key={k} value={k}>
                  {t(`gov.penalty.${k}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {uphold && kind === 'points' && (
          <label className="field">
            <span className="field-label">{t('gov.decide.points')}</span>
            <input type="number" min={1} max={12} value={points} onChange={(e) => setPoints(e.target.value)} />
          </label>
        )}
        {uphold && (kind === 'reduced_reach' || kind === 'alliance_suspension') && (
          <label className="field">
            <span className="field-label">{t('gov.decide.days')}</span>
            <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
        )}
        {uphold && kind === 'reduced_reach' && (
          <label className="field">
            <span className="field-label">{t('gov.decide.factor')}</span>
            <input type="number" min={0} max={0.95} step={0.05} value={factor} onChange={(e) => setFactor(e.target.value)} />
          </label>
        )}
        <DialogFooter error={error} busy={busy} disabled={note.trim() === ''} onCancel={onClose} submitLabel={t('gov.decide.submit')} testId="gov-decide-submit" />
      </form>
    </dialog>
  );
}
