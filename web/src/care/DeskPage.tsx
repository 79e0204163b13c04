// The desk itself: left, my tickets / the queue / all, with category and urgency, the SLA (red
// when breached) and how long the shopper has waited; middle, the conversation live on the
// ticket's socket with the reply box and 接入 / 解决 / 升级平台; right, the order and 赔付.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { DeskView, Ticket, TicketDetail, TicketPage } from '../typesCare';
import { careApi } from './careApi';
import { CategoryBadge, reasonTexts, shortTime, sinceText, SlaLine, TicketStatusBadge, UrgencyBadge } from './CareBits';
import { Composer, MessageList } from './ChatParts';
import { ContextPane } from './DeskContextPane';
import { useDesk } from './deskCtx';
import { usePoll } from './usePoll';
import { useTicketSocket } from './useTicketSocket';

const VIEWS: DeskView[] = ['mine', 'queue', 'all'];
const isView = (v: string | null): v is DeskView => VIEWS.some((x) => x === v);
const LIST_POLL_MS = 5000;

export function DeskPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('view');
  const view: DeskView = isView(raw) ? raw : 'mine';
  const selected = params.get('t');
  const select = useCallback(
    (next: { view?: DeskView; t?: string | null }) => {
      const p: Record<string, string> = {};
      const v = next.view ?? view;
      if (v !== 'mine') p.view = v;
      const tk = next.t === undefined ? selected : next.t;
      if (tk) p.t = tk;
      setParams(p, { replace: true });
    },
    [view, selected, setParams],
  );
  const [listTick, setListTick] = useState(0);
  const refreshList = useCallback(() => setListTick((n) => n + 1), []);

  return (
    <div className="desk-grid" data-testid="desk">
      <TicketList view={view} selected={selected} onView={(v) => select({ view: v })} onPick={(id) => select({ t: id })} tick={listTick} />
      {selected ? (
        <TicketPane key={selected} ticketId={selected} onChanged={refreshList} />
      ) : (
        <>
          <section className="desk-pane desk-conv desk-empty">
            <Empty text={t('care.desk.pick')} />
          </section>
          <section className="desk-pane desk-side" />
        </>
      )}
    </div>
  );
}

function TicketList({ view, selected, onView, onPick, tick }: { view: DeskView; selected: string | null; onView: (v: DeskView) => void; onPick: (id: string) => void; tick: number }) {
  const { t } = useI18n();
  const me = useDesk().me.agent.userId;
  const load = useCallback(async () => {
    const fetchView = (v: DeskView, limit: number) => deskTickets(me, v, limit);
    const [list, ...counts] = await Promise.all([fetchView(view, 50), ...VIEWS.map((v) => fetchView(v, 1))]);
    return { list, totals: Object.fromEntries(VIEWS.map((v, i) => [v, counts[i]!.total])) as Record<DeskView, number> };
  }, [view, me]);
  const data = useLoad(load, [load, tick]);
  usePoll(data.reload, LIST_POLL_MS);
  const [now, setNow] = useState(Date.now());
  usePoll(useCallback(() => setNow(Date.now()), []), 30_000);

  return (
    <section className="desk-pane desk-list">
      <div className="desk-tabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={v === view} className={`desk-tab ${v === view ? 'on' : ''}`} onClick={() => onView(v)} data-testid={`desk-tab-${v}`}>
            {t(`care.desk.view.${v}`)}
            {data.data && <span className="desk-tab-n">{data.data.totals[v]}</span>}
          </button>
        ))}
      </div>
      <div className="desk-list-body">
        {data.loading && !data.data ? (
          <Loading />
        ) : data.error || !data.data ? (
          <ErrorBox error={data.error} onRetry={data.reload} />
        ) : data.data.list.items.length === 0 ? (
          <Empty text={t(`care.desk.empty.${view}`)} />
        ) : (
          data.data.list.items.map((tk) => <ListItem key={tk.id} ticket={tk} on={tk.id === selected} onPick={() => onPick(tk.id)} now={now} />)
        )}
      </div>
    </section>
  );
}

/**
 * One of the desk's lists. While the server answers view=mine with a 500 (its SQL leaves a
 * parameter untyped), "mine" is read from view=all: assigned to me and not closed.
 */
async function deskTickets(me: string, view: DeskView, limit: number): Promise<TicketPage> {
  try {
    return await careApi.deskTickets({ view, limit });
  } catch (err) {
    if (view !== 'mine' || !(err instanceof ApiError) || err.status < 500) throw err;
    const all = await careApi.deskTickets({ view: 'all', limit: 100 });
    const items = all.items.filter((x) => x.assigneeId === me && (x.status === 'assigned' || x.status === 'resolved'));
    return { ...all, items: items.slice(0, limit), total: items.length, limit };
  }
}

function ListItem({ ticket, on, onPick, now }: { ticket: Ticket; on: boolean; onPick: () => void; now: number }) {
  const { t, lang } = useI18n();
  const breached = ticket.breached.length > 0 && ticket.status !== 'closed';
  return (
    <button type="button" className={`desk-item ${on ? 'on' : ''} ${breached ? 'breached' : ''}`} onClick={onPick} data-testid="desk-ticket" data-ticket-id={ticket.id}>
      <span className="desk-item-top">
        <span className="desk-item-subject">{ticket.subject}</span>
        <TicketStatusBadge status={ticket.status} />
      </span>
      <span className="desk-item-meta">
        <span className="desk-item-user">{ticket.userName}</span>
        <CategoryBadge category={ticket.category} />
        <UrgencyBadge urgency={ticket.urgency} />
        {ticket.queue === 'platform' && <span className="care-queue">{t('care.desk.platformQueue')}</span>}
      </span>
      <span className="desk-item-foot">
        {ticket.awaitingSince && ticket.status !== 'closed' ? (
          <span className="desk-waiting">{t('care.desk.waiting', { time: sinceText(t, ticket.awaitingSince, now) })}</span>
        ) : (
          <span className="muted">{shortTime(ticket.updatedAt, lang)}</span>
        )}
        <SlaLine ticket={ticket} />
      </span>
    </button>
  );
}

function TicketPane({ ticketId, onChanged }: { ticketId: string; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const desk = useDesk();
  const live = useTicketSocket(ticketId);
  const { setDetail } = live;
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    careApi.ticket(ticketId).then(setDetail, setLoadError);
  }, [ticketId, setDetail]);
  const count = live.detail?.messages.length ?? 0;
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  const d = live.detail;
  if (!d) {
    return (
      <>
        <section className="desk-pane desk-conv">{loadError || live.missing ? <ErrorBox error={loadError ?? new Error(t('care.chat.missing'))} /> : <Loading />}</section>
        <section className="desk-pane desk-side" />
      </>
    );
  }
  const tk = d.ticket;
  const canAct = desk.canAct(tk.queue);
  const mine = tk.assigneeId === desk.me.agent.userId;

  async function step(name: string, call: () => Promise<TicketDetail>, ask?: string) {
    if (ask && !window.confirm(ask)) return;
    setBusy(name);
    setError(null);
    try {
      setDetail(await call());
      onChanged();
      desk.reloadMe();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }
  async function send(text: string): Promise<boolean> {
    setError(null);
    try {
      live.addMessage(await careApi.post(ticketId, text));
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  }

  const live_ = tk.status !== 'closed';
  const compVersion = d.messages.filter((m) => m.event && m.event.kind.startsWith('compensat')).length;
  return (
    <>
      <section className="desk-pane desk-conv" data-testid="desk-conversation" data-ticket-id={tk.id}>
        <header className="desk-conv-head">
          <div className="desk-conv-title">
            <h2>{tk.subject}</h2>
            <div className="desk-conv-meta">
              <TicketStatusBadge status={tk.status} testId="desk-ticket-status" />
              <CategoryBadge category={tk.category} testId="desk-ticket-category" />
              <UrgencyBadge urgency={tk.urgency} />
              <span className="muted small">
                {t('care.desk.shopper', { name: tk.userName })} · {t(`care.origin.${tk.origin}`)} · {shortTime(tk.createdAt, lang)}
              </span>
              {tk.assigneeName && <span className="muted small">{t('care.desk.assignee', { name: tk.assigneeName })}</span>}
              <SlaLine ticket={tk} />
            </div>
          </div>
          {canAct && live_ && (
            <div className="desk-conv-actions">
              {(tk.status === 'open' || (tk.status === 'assigned' && !mine)) && (
                <button type="button" className="btn btn-primary btn-sm" disabled={busy !== null} onClick={() => void step('take', () => careApi.take(tk.id))} data-testid="desk-take">
                  {t('care.desk.take')}
                </button>
              )}
              {tk.status === 'assigned' && (
                <button type="button" className="btn btn-ghost btn-sm" disabled={busy !== null} onClick={() => void step('resolve', () => careApi.resolve(tk.id), t('care.desk.resolveAsk'))} data-testid="desk-resolve">
                  {t('care.desk.resolve')}
                </button>
              )}
              {tk.queue === 'store' && (tk.status === 'open' || tk.status === 'assigned') && (
                <button type="button" className="btn btn-ghost btn-sm" disabled={busy !== null} onClick={() => void step('escalate', () => careApi.escalate(tk.id), t('care.desk.escalateAsk'))} data-testid="desk-escalate">
                  {t('care.desk.escalate')}
                </button>
              )}
            </div>
          )}
        </header>
        <div className="desk-triage muted small">
          {t('care.desk.triage', { by: t(`care.triage.${tk.triage.by}`), pct: Math.round(tk.triage.confidence * 100) })}
          {reasonTexts(t, tk.triage.reasons).map((r) => (
            <span key={r} className="desk-reason">
              {r}
            </span>
          ))}
        </div>
        <div className="desk-conv-body" ref={scroller}>
          <MessageList messages={d.messages} side="agent" />
        </div>
        {error && <p className="form-error desk-conv-error">{error}</p>}
        {!canAct ? (
          <div className="desk-readonly muted small">{t('care.desk.readOnly')}</div>
        ) : live_ ? (
          <Composer className="desk-composer" placeholder={t('care.desk.replyPh')} onSend={send} testId="desk-reply" />
        ) : (
          <div className="desk-readonly muted small">{t('care.chat.strip.closed')}</div>
        )}
      </section>
      <ContextPane ticket={tk} version={compVersion} canAct={canAct} />
    </>
  );
}
