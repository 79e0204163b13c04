// 审批 (/desk/approvals): compensation requests above an agent's authority, for a supervisor (a
// higher tier of the same desk) or an operator to approve — paid at once — or reject.
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { Empty } from '../components/States';
import { useI18n } from '../i18n';
import type { CareAction } from '../typesCare';
import { careApi } from './careApi';
import { yuan } from './CareBits';
import { useDesk } from './deskCtx';

export function DeskApprovals() {
  const { t, lang } = useI18n();
  const desk = useDesk();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CareAction[]>([]);

  async function decide(a: CareAction, approve: boolean) {
    let note: string | undefined;
    if (!approve) {
      const typed = window.prompt(t('care.approvals.rejectAsk'));
      if (typed === null) return;
      note = typed.trim() || undefined;
    } else if (!window.confirm(t('care.approvals.approveAsk', { amount: yuan(a.amountFen) }))) return;
    setBusy(a.id);
    setError(null);
    try {
      const decided = await careApi.decide(a.id, approve, note);
      setDone((d) => [decided, ...d]);
      desk.reloadApprovals();
      desk.reloadMe();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('care.approvals.title')}</h1>
          <p className="muted">{t('care.approvals.sub', { tier: desk.me.agent.tier })}</p>
        </div>
      </div>
      {error && <p className="form-error">{error}</p>}
      <div className="mc-card mc-table-wrap">
        {desk.approvals.length === 0 ? (
          <Empty text={t('care.approvals.empty')} />
        ) : (
          <table className="mc-table" data-testid="desk-approvals">
            <thead>
              <tr>
                <th>{t('care.approvals.col.ticket')}</th>
                <th>{t('care.approvals.col.agent')}</th>
                <th className="num">{t('care.approvals.col.amount')}</th>
                <th>{t('care.approvals.col.reason')}</th>
                <th>{t('care.approvals.col.over')}</th>
                <th>{t('merchant.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {desk.approvals.map((a) => (
                <tr key={a.id} data-testid="approval-row">
                  <td>
                    <Link to={`/desk?view=all&t=${a.ticketId}`} className="mono small mc-link">
                      {a.ticketId}
                    </Link>
                    <div className="muted small">{formatTime(a.createdAt, lang)}</div>
                  </td>
                  <td>{a.agentName}</td>
                  <td className="num">
                    {yuan(a.amountFen)}
                    <div className="muted small">{t(`care.funded.${a.fundedBy}`)}</div>
                  </td>
                  <td className="mc-case-note">{a.reason}</td>
                  <td className="small">{a.over ? t(`care.approvals.over.${a.over}`) : ''}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-primary btn-xs" disabled={busy === a.id} onClick={() => void decide(a, true)} data-testid={`approve-${a.id}`}>
                      {t('care.approvals.approve')}
                    </button>
                    <button type="button" className="btn btn-ghost btn-xs" disabled={busy === a.id} onClick={() => void decide(a, false)} data-testid={`reject-${a.id}`}>
                      {t('care.approvals.reject')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {done.length > 0 && (
        <div className="mc-card">
          <div className="mc-card-title">{t('care.approvals.decided')}</div>
          {done.map((a) => (
            <div key={a.id} className="small">
              {yuan(a.amountFen)} · {a.agentName} · <span className={`care-act care-act-${a.status}`}>{t(`care.action.${a.status}`)}</span>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
