// Small parts every care page shares: money with two decimals, the ticket's status, category and
// urgency badges, system events worded in the reader's language, waiting times.
import type { ReactNode } from 'react';
import { api } from '../api';
import { useLoad } from '../components/useLoad';
import { useI18n, type Translate } from '../i18n';
import type { Ticket, TicketCategory, TicketEvent, TicketMessage, TicketStatus, Urgency } from '../typesCare';
import './care.css';

/** ¥10.00: the desk and the balance always show cents. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${(Math.abs(fen) / 100).toFixed(2)}`;
}

export function TicketStatusBadge({ status, testId }: { status: TicketStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`care-status care-status-${status}`} data-testid={testId} data-status={status}>
      {t(`care.status.${status}`)}
    </span>
  );
}

export function CategoryBadge({ category, testId }: { category: TicketCategory; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`care-cat care-cat-${category}`} data-testid={testId} data-category={category}>
      {t(`care.category.${category}`)}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useI18n();
  return <span className={`care-urg care-urg-${urgency}`}>{t(`care.urgency.${urgency}`)}</span>;
}

const EVENT_KINDS = ['opened', 'assigned', 'escalated', 'resolved', 'reopened', 'closed', 'compensated', 'compensation_pending', 'compensation_rejected'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isEventKind = (k: string): k is EventKind => EVENT_KINDS.some((x) => x === k);

/** A system message in the reader's language (its Chinese body when the event is unknown). */
export function eventText(t: Translate, m: Pick<TicketMessage, 'body' | 'event'>, side: 'shopper' | 'agent' = 'shopper'): string {
  const e: TicketEvent | null = m.event;
  if (!e || !isEventKind(e.kind)) return m.body;
  const vars = { amount: yuan(e.amountFen ?? 0), name: e.name ?? '' };
  if (side === 'agent' && (e.kind === 'compensated' || e.kind === 'compensation_pending' || e.kind === 'assigned')) return t(`care.event.desk.${e.kind}`, vars);
  return t(`care.event.${e.kind}`, vars);
}

/** "3 分钟" / "2 小时" / "1 天": how long since `iso` (never negative). */
export function sinceText(t: Translate, iso: string, now = Date.now()): string {
  const mins = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (mins < 1) return t('care.time.justNow');
  if (mins < 60) return t('care.time.minutes', { n: mins });
  const hours = Math.floor(mins / 60);
  if (hours < 48) return t('care.time.hours', { n: hours });
  return t('care.time.days', { n: Math.floor(hours / 24) });
}

/** Month-day hour:minute, short. */
export function shortTime(iso: string | null, lang: 'zh' | 'en'): string {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** The ticket's SLA in a line: breached in red, else the next due time. */
export function SlaLine({ ticket, className }: { ticket: Ticket; className?: string }) {
  const { t, lang } = useI18n();
  let body: ReactNode = null;
  if (ticket.breached.length > 0 && ticket.status !== 'closed') {
    body = <span className="care-sla-breached">{t(ticket.breached.includes('resolve') ? 'care.sla.resolveBreached' : 'care.sla.firstBreached')}</span>;
  } else if (ticket.status === 'open' || (ticket.status === 'assigned' && !ticket.firstResponseAt)) {
    body = <span>{t('care.sla.firstDue', { at: shortTime(ticket.firstResponseDue, lang) })}</span>;
  } else if (ticket.status === 'assigned') {
    body = <span>{t('care.sla.resolveDue', { at: shortTime(ticket.resolveDue, lang) })}</span>;
  }
  if (!body) return null;
  return <span className={className ? `care-sla ${className}` : 'care-sla'}>{body}</span>;
}

/** The store's name ('' until known, or with no store). */
export function useOptionalStoreName(id: string | null | undefined): string {
  const r = useLoad(() => (id ? api.store(id).then((s) => s.name) : Promise.resolve('')), [id]);
  return r.data ?? '';
}

const REASONS = ['unpaid_order', 'after_sale_money', 'cancelled_money', 'late_order', 'not_received_where', 'safety', 'escalation', 'fraud', 'large_loss', 'very_late_order', 'open_after_sale'] as const;
const isReason = (r: string): r is (typeof REASONS)[number] => REASONS.some((x) => x === r);

/** The triage's rules that fired, in words (model scores and overruled rules left out). */
export function reasonTexts(t: Translate, reasons: string[]): string[] {
  const out = new Set<string>();
  for (const r of reasons) {
    const m = /^rule:([a-z_]+)$/.exec(r);
    if (m) out.add(isReason(m[1]!) ? t(`care.reason.${m[1]}` as `care.reason.${(typeof REASONS)[number]}`) : m[1]!);
  }
  return [...out];
}
