// The desk's right pane: the ticket's order as the store sees it (goods, status, paid and shipped
// times, the parcel), 赔付 with the agent's remaining authority, and the money actions so far.
import { useMemo, useState } from 'react';
import { DialogFooter, useModal, useSubmit } from '../components/FormDialog';
import { formatTime, OrderLineRow, StatusTag } from '../components/OrderBits';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { yuanToFen } from '../money';
import type { Order } from '../types';
import type { Authority, CareAction, Ticket } from '../typesCare';
import { careApi, newIdempotencyKey } from './careApi';
import { yuan } from './CareBits';
import { useDesk } from './deskCtx';

export function ContextPane({ ticket, version, canAct }: { ticket: Ticket; version: number; canAct: boolean }) {
  const { t } = useI18n();
  const desk = useDesk();
  const ctx = useLoad(() => careApi.context(ticket.id), [ticket.id, version]);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const c = ctx.data;
  return (
    <section className="desk-pane desk-side" data-testid="desk-context">
      {ctx.loading && !c ? (
        <Loading />
      ) : ctx.error || !c ? (
        <ErrorBox error={ctx.error} onRetry={ctx.reload} />
      ) : (
        <>
          {c.order ? <OrderBox order={c.order} ticket={ticket} /> : <div className="desk-box muted small">{t('care.desk.noOrder')}</div>}
          <div className="desk-box">
            <div className="desk-box-title">{t('care.desk.compTitle')}</div>
            <div className="desk-authority" data-testid="desk-authority">
              {t('care.comp.limits', { now: yuan(c.authority.remainingFen), day: yuan(Math.max(0, c.authority.dayLimitFen - c.authority.dayUsedFen)) })}
            </div>
            {c.order && canAct && ticket.status !== 'closed' ? (
              <button type="button" className="btn btn-primary btn-block desk-comp-btn" onClick={() => { setNotice(null); setOpen(true); }} data-testid="desk-compensate">
                {t('care.desk.compensate')}
              </button>
            ) : null}
            {notice && <p className="form-ok" data-testid="desk-comp-notice">{notice}</p>}
            <ActionList actions={c.actions} />
          </div>
        </>
      )}
      {open && c && (
        <CompensateDialog
          ticket={ticket}
          authority={c.authority}
          storeAgent={desk.me.agent.storeId !== null}
          onClose={() => setOpen(false)}
          onDone={(a) => {
            setOpen(false);
            setNotice(a.status === 'pending' ? t('care.comp.sentForApproval', { amount: yuan(a.amountFen) }) : t('care.comp.paid', { amount: yuan(a.amountFen) }));
            ctx.reload();
            desk.reloadMe();
          }}
        />
      )}
    </section>
  );
}

function OrderBox({ order, ticket }: { order: Order; ticket: Ticket }) {
  const { t, lang } = useI18n();
  const waitedHours = order.status === 'paid' && order.paidAt ? Math.floor((Date.parse(ticket.createdAt) - Date.parse(order.paidAt)) / 3_600_000) : 0;
  const lastScan = order.tracking?.events[order.tracking.events.length - 1];
  return (
    <div className="desk-box" data-testid="desk-order">
      <div className="desk-box-title desk-order-head">
        <span>{t('care.desk.order')}</span>
        <StatusTag status={order.status} />
      </div>
      {order.lines.map((l) => (
        <OrderLineRow key={l.lineNo} line={l} link={false} />
      ))}
      <dl className="desk-facts">
        <div>
          <dt>{t('care.desk.orderNo')}</dt>
          <dd className="mono">{order.id}</dd>
        </div>
        <div>
          <dt>{t('care.desk.paidFen')}</dt>
          <dd>{yuan(order.payFen)}</dd>
        </div>
        <div>
          <dt>{t('care.desk.paidAt')}</dt>
          <dd>{order.paidAt ? formatTime(order.paidAt, lang) : '—'}</dd>
        </div>
        <div>
          <dt>{t('care.desk.shippedAt')}</dt>
          <dd>{order.shippedAt ? formatTime(order.shippedAt, lang) : t('care.desk.notShipped')}</dd>
        </div>
        {order.trackingNo && (
          <div>
            <dt>{t('care.desk.tracking')}</dt>
            <dd>
              {order.tracking?.carrierName ?? order.carrier} <span className="mono">{order.trackingNo}</span>
            </dd>
          </div>
        )}
        {lastScan && (
          <div>
            <dt>{t('care.desk.lastScan')}</dt>
            <dd>
              {lastScan.description} <span className="muted">{formatTime(lastScan.at, lang)}</span>
            </dd>
          </div>
        )}
        {order.afterSales.compensatedFen > 0 && (
          <div>
            <dt>{t('care.desk.compensatedSoFar')}</dt>
            <dd>{yuan(order.afterSales.compensatedFen)}</dd>
          </div>
        )}
      </dl>
      {waitedHours >= 24 && <div className="desk-late" data-testid="desk-late">{t('care.desk.late', { n: waitedHours })}</div>}
      {order.afterSales.openCaseId && <div className="muted small">{t('care.desk.openCase', { id: order.afterSales.openCaseId })}</div>}
    </div>
  );
}

function ActionList({ actions }: { actions: CareAction[] }) {
  const { t, lang } = useI18n();
  if (actions.length === 0) return <div className="muted small desk-actions-empty">{t('care.desk.noActions')}</div>;
  return (
    <ul className="desk-actions" data-testid="desk-actions">
      {actions.map((a) => (
        <li key={a.id} className="desk-action">
          <div className="desk-action-top">
            <strong>{yuan(a.amountFen)}</strong>
            <span className={`care-act care-act-${a.status}`}>{t(`care.action.${a.status}`)}</span>
          </div>
          <div className="muted small">
            {t(`care.funded.${a.fundedBy}`)} · {a.agentName} · {formatTime(a.createdAt, lang)}
          </div>
          <div className="small">{a.reason}</div>
          {a.decisionNote && <div className="muted small">“{a.decisionNote}”</div>}
        </li>
      ))}
    </ul>
  );
}

const QUICK_FEN = [500, 1000, 2000, 5000];

function CompensateDialog({ ticket, authority, storeAgent, onClose, onDone }: { ticket: Ticket; authority: Authority; storeAgent: boolean; onClose: () => void; onDone: (a: CareAction) => void }) {
  const { t } = useI18n();
  const ref = useModal();
  const [amount, setAmount] = useState('');
  const [fundedBy, setFundedBy] = useState<'platform' | 'store'>(storeAgent ? 'store' : 'platform');
  const [reason, setReason] = useState(() => t(`care.comp.reason.${ticket.category}`));
  const fen = yuanToFen(amount);
  const dayLeft = Math.max(0, authority.dayLimitFen - authority.dayUsedFen);
  const over = fen !== null && fen > authority.remainingFen;
  // One key per request body: a retry of the same request replays, a changed one is new.
  const key = useMemo(() => newIdempotencyKey(), [fen, fundedBy, reason]); // eslint-disable-line react-hooks/exhaustive-deps
  const { busy, error, onSubmit } = useSubmit(async () => {
    if (fen === null || fen <= 0) throw new Error(t('care.comp.badAmount'));
    onDone(await careApi.compensate(ticket.id, key, { amountFen: fen, fundedBy, reason: reason.trim() }));
  });
  return (
    <dialog ref={ref} className="dialog desk-comp-dialog" onClose={onClose} onCancel={onClose} data-testid="comp-dialog">
      <form onSubmit={(e) => void onSubmit(e)}>
        <h3>{t('care.comp.dialogTitle')}</h3>
        <p className="muted small">{t('care.comp.dialogSub', { name: ticket.userName })}</p>
        <div className="desk-limits" data-testid="comp-limits">
          {t('care.comp.limits', { now: yuan(authority.remainingFen), day: yuan(dayLeft) })}
        </div>
        <label className="field">
          <span className="field-label">{t('care.comp.amount')}</span>
          <span className="yuan-input">
            <span>¥</span>
            <input inputMode="decimal" autoFocus value={amount} placeholder="0.00" onChange={(e) => setAmount(e.target.value)} aria-invalid={amount !== '' && (fen === null || fen <= 0)} data-testid="comp-amount" />
          </span>
        </label>
        <div className="chips chips-wrap desk-quick">
          {QUICK_FEN.map((q) => (
            <button key={q} type="button" className={`chip chip-static ${fen === q ? 'chip-on' : ''}`} onClick={() => setAmount(String(q / 100))}>
              {yuan(q)}
            </button>
          ))}
        </div>
        <div className="field">
          <span className="field-label">{t('care.comp.fundedBy')}</span>
          {storeAgent ? (
            <span className="desk-funded-fixed">{t('care.funded.store')}</span>
          ) : (
            <div className="seg" role="group">
              {(['platform', 'store'] as const).map((f) => (
                <button key={f} type="button" className={`seg-item seg-btn ${fundedBy === f ? 'on' : ''}`} aria-pressed={fundedBy === f} onClick={() => setFundedBy(f)} data-testid={`comp-funded-${f}`}>
                  {t(`care.funded.${f}`)}
                </button>
              ))}
            </div>
          )}
        </div>
        <label className="field">
          <span className="field-label">{t('care.comp.reason')}</span>
          <textarea rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="comp-reason" />
          <span className="field-hint">{t('care.comp.reasonHint')}</span>
        </label>
        {over && (
          <p className="notice desk-over" data-testid="comp-over">
            {t('care.comp.over', { now: yuan(authority.remainingFen) })}
          </p>
        )}
        <DialogFooter error={error} busy={busy} disabled={fen === null || fen <= 0 || !reason.trim()} onCancel={onClose} submitLabel={over ? t('care.comp.submitApproval') : t('care.comp.submit')} testId="comp-submit" />
      </form>
    </dialog>
  );
}
