// Calls of the service desk (api.ts's errors): the shopper's tickets and balance, the agent's
// desk, the store's agents and stats, and the ticket's WebSocket address.
import { request, withQuery } from '../api';
import type {
  Agent, AgentInput, Balance, CareAction, CareAlert, CompensateInput, DeskContext, DeskMe, DeskStats, DeskView, OpenTicketInput, TicketDetail, TicketMessage, TicketPage, TicketStatus,
} from '../typesCare';

const enc = encodeURIComponent;
const tk = (id: string, rest = '') => `/api/v1/care/tickets/${enc(id)}${rest}`;
const desk = (id: string, rest: string) => `/api/v1/care/desk/tickets/${enc(id)}${rest}`;

/** A fresh Idempotency-Key for one compensation attempt (8–100 chars of [\w.:-]). */
export function newIdempotencyKey(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `care-${rnd}`;
}

export const careApi = {
  // shopper
  open: (body: OpenTicketInput) => request<TicketDetail>('POST', '/api/v1/care/tickets', body),
  mine: (q: { status?: TicketStatus; limit?: number; offset?: number } = {}) => request<TicketPage>('GET', withQuery('/api/v1/me/care/tickets', q)),
  ticket: (id: string) => request<TicketDetail>('GET', tk(id)),
  post: (id: string, body: string) => request<TicketMessage>('POST', tk(id, '/messages'), { body }),
  close: (id: string, note?: string) => request<TicketDetail>('POST', tk(id, '/close'), note ? { note } : {}),
  balance: (q: { limit?: number; offset?: number } = {}) => request<Balance>('GET', withQuery('/api/v1/me/balance', q)),

  // agent desk
  deskMe: () => request<DeskMe>('GET', '/api/v1/care/desk/me'),
  deskTickets: (q: { view?: DeskView; status?: TicketStatus; limit?: number; offset?: number } = {}) => request<TicketPage>('GET', withQuery('/api/v1/care/desk/tickets', q)),
  take: (id: string) => request<TicketDetail>('POST', desk(id, '/take'), {}),
  resolve: (id: string, note?: string) => request<TicketDetail>('POST', desk(id, '/resolve'), note ? { note } : {}),
  escalate: (id: string, note?: string) => request<TicketDetail>('POST', desk(id, '/escalate'), note ? { note } : {}),
  context: (id: string) => request<DeskContext>('GET', desk(id, '/context')),
  compensate: (id: string, key: string, body: CompensateInput) => request<CareAction>('POST', desk(id, '/compensations'), body, { 'idempotency-key': key }),
  approvals: () => request<CareAction[]>('GET', '/api/v1/care/desk/approvals'),
  decide: (actionId: string, approve: boolean, note?: string) => request<CareAction>('POST', `/api/v1/care/desk/approvals/${enc(actionId)}`, note ? { approve, note } : { approve }),
  alerts: () => request<CareAlert[]>('GET', '/api/v1/care/desk/alerts'),
  ack: (alertId: string) => request<CareAlert>('POST', `/api/v1/care/desk/alerts/${enc(alertId)}/ack`),

  // store
  storeAgents: (storeId: string) => request<Agent[]>('GET', `/api/v1/merchant/stores/${enc(storeId)}/care/agents`),
  addStoreAgent: (storeId: string, body: AgentInput) => request<Agent>('POST', `/api/v1/merchant/stores/${enc(storeId)}/care/agents`, body),
  storeStats: (storeId: string) => request<DeskStats>('GET', `/api/v1/merchant/stores/${enc(storeId)}/care/stats`),

  // operators
  opsAgents: () => request<Agent[]>('GET', '/api/v1/ops/care/agents'),
  addOpsAgent: (body: AgentInput) => request<Agent>('POST', '/api/v1/ops/care/agents', body),
};

/** The ticket's WebSocket address, on this page's origin (the session cookie signs the user in). */
export function ticketSocketUrl(id: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws/care/tickets/${enc(id)}`;
}
