// Bad-input table: the service desk (客服) — shoppers' tickets and conversation, agents' desk
// (take, resolve, escalate, context, compensation, approvals, SLA alerts), stores' and operators'
// agents, the SLA sweep and recovering platform-paid compensation; and the shopper's balance
// (账户余额, where compensation lands). Its fixtures live here (filled by careFixtures): the
// merchant is a tier-1 agent of storeA, the member a tier-3 one (its supervisor), a platform
// agent (role 'agent', not a table client: it only makes fixtures); the shopper's paid orders in
// storeA and tickets on them, the creator's store tickets, one per entry whose valid request
// changes a ticket. The socket /ws/care/tickets/:ticketId is not in the table: it is hidden from
// the OpenAPI document, like the live rooms' socket, and takes no HTTP input.
import { expect } from 'vitest';
import type { Action, Alert, TicketDetail } from '../../../src/modules/care/schemas.ts';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../../src/modules/commerce/checkout.ts';
import { SIGNATURE_HEADER as PSP_SIGNATURE, signPayload as signPsp } from '../../../src/modules/payments/sandbox/wire.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, PASSWORD, fx, long, nonMerchants, nonOperators } from './kit.ts';

const cfx = {} as {
  otherStore: string;
  userIds: { merchant: string; member: string; platformAgent: string };
  /** The shopper's paid orders in storeA: main (a live ticket), closed (its ticket closed). */
  orders: { main: string; closed: string };
  /** The shopper's tickets. */
  ticket: {
    main: string; // on orders.main, in the store's queue: read, written to and compensated on by the valid requests
    closed: string; // on orders.closed, closed
    platform: string; // on a third order, escalated to the platform's queue (the store sees it, cannot act)
    toClose: string; // from the store page: closed by the valid close request
    /** The creator's store tickets. */
    toTake: string; // assigned to the merchant: the member takes it
    toResolve: string; // assigned to the merchant: resolved
    toEscalate: string; // escalated
  };
  /** Compensation on ticket.main, by the merchant (tier 1, case limit 5000). */
  action: {
    pending: string; // 6000 fen: above the case limit, approved by the valid decision
    decided: string; // 5500 fen: rejected by the member
  };
  /** Idempotency-Key of the merchant's paid compensation on ticket.main. */
  paidKey: string;
  compensation: { platform: string; recovered: string; store: string };
  /** SLA alerts of the member's store ticket: one to acknowledge, one acknowledged. */
  alert: { toAck: string; acked: string };
};

const SKILLS = ['logistics', 'quality', 'refund', 'wrong_item', 'fraud', 'other'];
const MISSING = { ticketId: 'tkt_0000000000zzzzzzzzzz', actionId: 'cact_0000000000zzzzzzzzzz', alertId: 'alrt_0000000000zzzzzzzzzz', compensationId: 'cmp_0000000000zzzzzzzzzz', orderId: 'ord_0000000000zzzzzzzzzz', roomId: 'liv_0000000000zzzzzzzzzz' };

export async function careFixtures(t: TestPlatform, c: { shopper: Client; creator: Client; merchant: Client; member: Client; other: Client; operator: Client }, storeA: Store, categoryId: string): Promise<void> {
  const me = async (who: Client) => (await who.get<{ id: string }>('/api/v1/me')).body.id;
  const ok = <T>(r: { status: number; body: T }, status = 200): T => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const [storeB] = (await c.other.get<Store[]>('/api/v1/merchant/stores')).body;
  // A platform agent: a user with the 'agent' role, named by an operator.
  const agentUser = await t.platform.services.identity.register({ email: 'bi-care-agent@example.com', password: PASSWORD, displayName: '平台客服', roles: [] });
  await t.platform.services.identity.setRoles(agentUser.id, ['agent']);
  const platformAgent = await t.client.login('bi-care-agent@example.com', PASSWORD);
  const userIds = { merchant: await me(c.merchant), member: await me(c.member), platformAgent: agentUser.id };
  ok(await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/care/agents`, { userId: userIds.merchant, tier: 1, skills: ['logistics', 'other'] }));
  ok(await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/care/agents`, { userId: userIds.member, tier: 3, skills: ['quality', 'refund', 'wrong_item'] }));
  ok(await c.operator.post('/api/v1/ops/care/agents', { userId: userIds.platformAgent, tier: 3, skills: SKILLS }));

  // The shopper's paid orders in storeA: paid by the PSP's signed webhook, sent by hand (background work is stopped).
  const product = ok(await c.merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, { title: '客服-茶叶', categoryId, skus: [{ optionValues: {}, priceFen: 9900, stock: 10 }] }), 201);
  const paidOrder = async (n: number) => {
    const r = ok(await c.shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `bi-care-order-${n}` }), 201);
    const ref = r.payment!.payUrl.split('/pay/')[1]!;
    ok(await c.shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' }));
    const [pspEvent] = await t.platform.db.query<{ body: unknown }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1', [ref]);
    const raw = JSON.stringify(pspEvent!.body);
    ok(await t.client.post('/api/v1/payments/webhooks/sandbox', raw, { [PSP_SIGNATURE]: signPsp(t.platform.config.sandboxPsp.secret, raw) }));
    await t.platform.bus.drain();
    return r.orders[0]!.id;
  };
  const orders = { main: await paidOrder(1), closed: await paidOrder(2), platform: await paidOrder(3) };

  const open = async (who: Client, body: Record<string, unknown>) => {
    const d = ok(await who.post<TicketDetail>('/api/v1/care/tickets', body), 201);
    expect(d.ticket.queue, JSON.stringify(d.ticket)).toBe('store');
    return d.ticket.id;
  };
  const onOrder = (orderId: string) => open(c.shopper, { origin: 'order', orderId, text: '请问这个订单什么时候发货？快递单号是多少' });
  const fromStore = (who: Client, text: string) => open(who, { origin: 'store', storeId: storeA.id, text });
  const ticket = {
    main: await onOrder(orders.main),
    closed: await onOrder(orders.closed),
    platform: await onOrder(orders.platform),
    toClose: await fromStore(c.shopper, '请问店铺支持开发票吗？'),
    toTake: await fromStore(c.creator, '请问店铺支持开发票吗？'),
    toResolve: await fromStore(c.creator, '想咨询一下店铺的营业时间'),
    toEscalate: await fromStore(c.creator, '请问有没有实体店可以自提'),
  };
  const alerting = await fromStore(c.creator, '请问店铺周末发货吗');
  for (const id of [ticket.main, ticket.toTake, ticket.toResolve, ticket.toEscalate]) ok(await c.merchant.post(`/api/v1/care/desk/tickets/${id}/take`, {}));
  ok(await c.member.post(`/api/v1/care/desk/tickets/${alerting}/take`, {}));
  ok(await c.shopper.post(`/api/v1/care/tickets/${ticket.closed}/close`, { note: '已解决' }));
  ok(await c.merchant.post(`/api/v1/care/desk/tickets/${ticket.platform}/escalate`, { note: '平台介入' }));

  // Compensation on the main ticket by the tier-1 merchant.
  const compensate = (who: Client, ticketId: string, body: Record<string, unknown>, key: string) => who.post<Action>(`/api/v1/care/desk/tickets/${ticketId}/compensations`, body, { 'idempotency-key': key });
  const paidKey = 'bi-care-paid-1';
  const paid = ok(await compensate(c.merchant, ticket.main, { amountFen: 100, fundedBy: 'store', reason: '发货延迟补偿' }, paidKey), 201);
  const pending = ok(await compensate(c.merchant, ticket.main, { amountFen: 6000, fundedBy: 'store', reason: '超时发货，按承诺赔付' }, 'bi-care-pending-1'), 202);
  const decided = ok(await compensate(c.merchant, ticket.main, { amountFen: 5500, fundedBy: 'store', reason: '再补' }, 'bi-care-decided-1'), 202);
  ok(await c.member.post(`/api/v1/care/desk/approvals/${decided.id}`, { approve: false, note: '已赔过' }));
  // Above COMPENSATION_MAX_FEN (50000): the desk takes it as a request (above every tier's case limit); only paying it fails.
  // Platform-funded compensation on the escalated ticket, by the platform agent; one recovered already.
  const platformPaid = ok(await compensate(platformAgent, ticket.platform, { amountFen: 2000, fundedBy: 'platform', reason: '先行赔付' }, 'bi-care-platform-1'), 201);
  const recovered = ok(await compensate(platformAgent, ticket.platform, { amountFen: 1000, fundedBy: 'platform', reason: '先行赔付' }, 'bi-care-platform-2'), 201);
  ok(await c.operator.post(`/api/v1/ops/care/compensations/${recovered.compensationId}/recover`, { note: '商家责任' }));

  // SLA alerts without moving a clock: the member's ticket is made overdue (a fixture may write the module's own rows), then swept.
  await t.platform.db.query(`UPDATE care_tickets SET first_response_due = now() - interval '2 hours', resolve_due = now() - interval '1 hour' WHERE id = $1`, [alerting]);
  expect(ok(await c.operator.post<{ breached: number }>('/api/v1/ops/care/sweep')).breached).toBeGreaterThanOrEqual(2);
  const alerts = ok(await c.member.get<Alert[]>('/api/v1/care/desk/alerts')).filter((a) => a.ticketId === alerting);
  expect(alerts).toHaveLength(2);
  ok(await c.member.post(`/api/v1/care/desk/alerts/${alerts[1]!.id}/ack`));
  await t.platform.bus.drain();
  Object.assign(cfx, {
    otherStore: storeB!.id,
    userIds,
    orders: { main: orders.main, closed: orders.closed },
    ticket,
    action: { pending: pending.id, decided: decided.id },
    paidKey,
    compensation: { platform: platformPaid.compensationId!, recovered: recovered.compensationId!, store: paid.compensationId! },
    alert: { toAck: alerts[0]!.id, acked: alerts[1]!.id },
  });
}

// ---- cases --------------------------------------------------------------------------------------

const notFoundAt = (field: keyof typeof MISSING, name = `${field} that names nothing`): BadCase => ({ name, kind: 'not-found', params: { [field]: MISSING[field] }, expect: { status: 404, code: 'not_found', field } });
const missingTicket = notFoundAt('ticketId');
const ticketAs = (who: Who, name: string, status: 403 | 404 | 409, ticket?: () => string): BadCase => ({
  name,
  kind: status === 409 ? 'semantic' : 'auth',
  who,
  ...(ticket ? { params: () => ({ ticketId: ticket() }) } : {}),
  expect: status === 403 ? { status, code: 'forbidden' } : status === 404 ? { status, code: 'not_found', field: 'ticketId' } : { status, code: 'invalid_state', field: 'ticketId' },
});
/** A ticket the caller may not see: someone else's (the creator), or another store's desk (the merchant who is no agent of storeA). */
const unseen = (): BadCase[] => [ticketAs('creator', "someone else's ticket", 404), ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404)];
const strangerShopper: BadCase[] = [ticketAs('creator', "someone else's ticket", 404)];
const onPlatformTicket = (who: Who = 'merchant') => ticketAs(who, 'a store agent on a ticket with the platform’s desk', 403, () => cfx.ticket.platform);
const onClosedTicket = (who: Who) => ticketAs(who, 'a closed ticket', 409, () => cfx.ticket.closed);
const notAnAgent = (who: Who, name = 'a merchant who is no agent'): BadCase => ({ name, kind: 'auth', who, expect: { status: 403, code: 'forbidden' } });
const noteCases = (): BadCase[] => [bodyAt('note', long(501), 'out-of-range'), bodyAt('note', 5, 'malformed')];
const deskRoles: Who[] = ['shopper', 'creator'];
const agentBodyCases = (): BadCase[] => [
  bodyWithout('userId'),
  bodyAt('userId', 'user 1', 'malformed'),
  bodyWithout('tier'),
  bodyAt('tier', 0, 'out-of-range'),
  bodyAt('tier', 4, 'out-of-range'),
  bodyAt('tier', 2.5, 'malformed'),
  bodyAt('tier', '3', 'malformed'),
  bodyWithout('skills'),
  bodyAt('skills', [], 'out-of-range'),
  bodyAt('skills', 'other', 'malformed'),
  bodyAt('skills.0', 'billing', 'malformed'),
  bodyAt('skills', ['other', 'other'], 'malformed'),
  bodyAt('skills', [...SKILLS, 'other'], 'out-of-range'),
  bodyAt('maxOpen', 0, 'out-of-range'),
  bodyAt('maxOpen', 1001, 'out-of-range'),
  bodyAt('maxOpen', 1.5, 'malformed'),
  bodyAt('active', 'yes', 'malformed'),
  { name: 'a user who does not exist', kind: 'not-found', body: (b) => ({ ...b, userId: 'usr_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'userId' } },
];
const ticketParams = (k: keyof typeof cfx.ticket) => () => ({ ticketId: cfx.ticket[k] });
const freshKey = () => ({ 'idempotency-key': `bi-care-${Date.now()}-${Math.random().toString(36).slice(2)}` });

export const CARE_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/care/tickets',
    access: 'user',
    who: 'shopper',
    body: () => ({ origin: 'store', storeId: fx.storeA.id, subject: '发票', text: '请问可以开增值税发票吗？' }),
    ok: 201,
    bad: [
      bodyWithout('origin'),
      bodyAt('origin', 'phone', 'malformed'),
      bodyWithout('text'),
      bodyAt('text', '', 'out-of-range'),
      bodyAt('text', '   ', 'malformed'),
      bodyAt('text', long(2001), 'out-of-range'),
      bodyAt('text', 5, 'malformed'),
      bodyAt('subject', '', 'out-of-range'),
      bodyAt('subject', long(101), 'out-of-range'),
      bodyAt('storeId', 'store 1', 'malformed'),
      bodyAt('orderId', 'order-1', 'malformed'),
      bodyAt('roomId', 'room 1', 'malformed'),
      bodyAt('userId', 'usr_0000000000zzzzzzzzzz', 'unknown-field'),
      { name: 'origin store without storeId', kind: 'missing-field', body: (b) => ({ origin: 'store', text: b.text }), expect: { status: 400, code: 'validation_failed', field: 'storeId' } },
      { name: 'origin order without orderId', kind: 'missing-field', body: (b) => ({ ...b, origin: 'order' }), expect: { status: 400, code: 'validation_failed', field: 'orderId' } },
      { name: 'origin live without roomId', kind: 'missing-field', body: (b) => ({ ...b, origin: 'live' }), expect: { status: 400, code: 'validation_failed', field: 'roomId' } },
      { name: 'a store that is not the order’s', kind: 'semantic', body: (b) => ({ ...b, origin: 'order', orderId: cfx.orders.main, storeId: cfx.otherStore }), expect: { status: 400, code: 'validation_failed', field: 'storeId' } },
      { name: "someone else's order", kind: 'not-found', who: 'creator', body: (b) => ({ origin: 'order', orderId: cfx.orders.main, text: b.text }), expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'an order that does not exist', kind: 'not-found', body: (b) => ({ origin: 'order', orderId: MISSING.orderId, text: b.text }), expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'a store that does not exist', kind: 'not-found', body: (b) => ({ ...b, storeId: 'sto_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'storeId' } },
      { name: 'a live room that does not exist', kind: 'not-found', body: (b) => ({ origin: 'live', roomId: MISSING.roomId, text: b.text }), expect: { status: 404, code: 'not_found', field: 'roomId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/care/tickets', access: 'user', who: 'shopper', query: () => ({ status: 'assigned' }), ok: 200, bad: [...PAGE_CASES(), queryAt('status', 'pending', 'malformed')] },
  { method: 'GET', url: '/api/v1/care/tickets/:ticketId', access: 'user', who: 'shopper', params: ticketParams('main'), ok: 200, missing: [missingTicket], bad: unseen() },
  {
    method: 'POST',
    url: '/api/v1/care/tickets/:ticketId/messages',
    access: 'user',
    who: 'shopper',
    params: ticketParams('main'),
    body: () => ({ body: '好的，麻烦尽快发货' }),
    ok: 201,
    missing: [missingTicket],
    bad: [
      bodyWithout('body'),
      bodyAt('body', '', 'out-of-range'),
      bodyAt('body', ' \n ', 'malformed'),
      bodyAt('body', long(2001), 'out-of-range'),
      bodyAt('body', 5, 'malformed'),
      ...unseen(),
      onPlatformTicket(),
      onClosedTicket('shopper'),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/care/tickets/:ticketId/close',
    access: 'user',
    who: 'shopper',
    params: ticketParams('toClose'),
    body: () => ({ note: '问题已解决' }),
    ok: 200,
    missing: [missingTicket],
    bad: [...noteCases(), ...strangerShopper, ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404), onPlatformTicket(), onClosedTicket('shopper')],
  },
  // The agent's desk.
  { method: 'GET', url: '/api/v1/care/desk/me', access: ['agent', 'merchant', 'operator'], who: 'merchant', ok: 200, wrongRole: deskRoles, bad: [notAnAgent('other'), notAnAgent('operator', 'an operator who is no agent')] },
  {
    method: 'GET',
    url: '/api/v1/care/desk/tickets',
    access: ['agent', 'merchant', 'operator'],
    who: 'member',
    query: () => ({ view: 'all', status: 'assigned' }),
    ok: 200,
    wrongRole: deskRoles,
    bad: [...PAGE_CASES(), queryAt('view', 'everything', 'malformed'), queryAt('status', 'waiting', 'malformed'), notAnAgent('other')],
  },
  {
    method: 'POST',
    url: '/api/v1/care/desk/tickets/:ticketId/take',
    access: ['agent', 'merchant', 'operator'],
    who: 'member',
    params: ticketParams('toTake'),
    body: () => ({}),
    ok: 200,
    wrongRole: deskRoles,
    missing: [missingTicket],
    bad: [...noteCases(), ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404), onPlatformTicket('member'), onClosedTicket('member')],
  },
  {
    method: 'POST',
    url: '/api/v1/care/desk/tickets/:ticketId/resolve',
    access: ['agent', 'merchant', 'operator'],
    who: 'merchant',
    params: ticketParams('toResolve'),
    body: () => ({ note: '已答复' }),
    ok: 200,
    wrongRole: deskRoles,
    missing: [missingTicket],
    bad: [...noteCases(), ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404), onPlatformTicket(), onClosedTicket('merchant')],
  },
  {
    method: 'POST',
    url: '/api/v1/care/desk/tickets/:ticketId/escalate',
    access: ['agent', 'merchant', 'operator'],
    who: 'merchant',
    params: ticketParams('toEscalate'),
    body: () => ({ note: '顾客要求平台介入' }),
    ok: 200,
    wrongRole: deskRoles,
    missing: [missingTicket],
    bad: [...noteCases(), ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404), onPlatformTicket(), onClosedTicket('merchant')],
  },
  {
    method: 'GET',
    url: '/api/v1/care/desk/tickets/:ticketId/context',
    access: ['agent', 'merchant', 'operator'],
    who: 'merchant',
    params: ticketParams('main'),
    ok: 200,
    wrongRole: deskRoles,
    missing: [missingTicket],
    bad: [ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404)],
  },
  {
    method: 'POST',
    url: '/api/v1/care/desk/tickets/:ticketId/compensations',
    access: ['agent', 'merchant', 'operator'],
    who: 'merchant',
    params: ticketParams('main'),
    headers: freshKey,
    body: () => ({ amountFen: 1000, fundedBy: 'store', reason: '发货延迟补偿' }),
    ok: 201,
    wrongRole: deskRoles,
    missing: [missingTicket],
    bad: [
      { name: 'no Idempotency-Key header', kind: 'missing-field', headers: {}, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key that is too short', kind: 'out-of-range', headers: { 'idempotency-key': 'abc' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key with spaces', kind: 'malformed', headers: { 'idempotency-key': 'key with spaces' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      bodyWithout('amountFen'),
      bodyAt('amountFen', 0, 'out-of-range'),
      bodyAt('amountFen', -100, 'out-of-range'),
      bodyAt('amountFen', 10_000_000_001, 'out-of-range'),
      bodyAt('amountFen', 99.5, 'malformed'),
      bodyAt('amountFen', '1000', 'malformed'),
      bodyWithout('fundedBy'),
      bodyAt('fundedBy', 'creator', 'malformed'),
      bodyWithout('reason'),
      bodyAt('reason', '', 'out-of-range'),
      bodyAt('reason', '  ', 'malformed'),
      bodyAt('reason', long(201), 'out-of-range'),
      bodyAt('orderId', 'ord_0000000000zzzzzzzzzz', 'unknown-field'),
      { name: 'more than COMPENSATION_MAX_FEN (no supervisor can approve it)', kind: 'out-of-range', body: (b) => ({ ...b, amountFen: 50_001 }), expect: { status: 400, code: 'validation_failed', field: 'amountFen' } },
      { name: 'a store agent paying from the platform', kind: 'auth', body: (b) => ({ ...b, fundedBy: 'platform' }), expect: { status: 403, code: 'forbidden', field: 'fundedBy' } },
      { name: 'an Idempotency-Key used for another compensation', kind: 'semantic', headers: { 'idempotency-key': 'bi-care-paid-1' }, expect: { status: 409, code: 'conflict', field: 'idempotency-key' } },
      { name: 'a ticket without an order', kind: 'semantic', params: ticketParams('toClose'), expect: { status: 409, code: 'invalid_state', field: 'ticketId' } },
      ticketAs('other', 'a merchant who is no agent of the ticket’s store', 404),
      onPlatformTicket(),
      onClosedTicket('merchant'),
    ],
  },
  { method: 'GET', url: '/api/v1/care/desk/approvals', access: ['agent', 'merchant', 'operator'], who: 'member', ok: 200, wrongRole: deskRoles, bad: [notAnAgent('other')] },
  {
    method: 'POST',
    url: '/api/v1/care/desk/approvals/:actionId',
    access: ['agent', 'merchant', 'operator'],
    who: 'member',
    params: () => ({ actionId: cfx.action.pending }),
    body: () => ({ approve: true, note: '同意' }),
    ok: 200,
    wrongRole: deskRoles,
    missing: [notFoundAt('actionId')],
    bad: [
      bodyWithout('approve'),
      bodyAt('approve', 'yes', 'malformed'),
      bodyAt('approve', null, 'malformed'),
      bodyAt('note', long(201), 'out-of-range'),
      bodyAt('amountFen', 100, 'unknown-field'),
      { name: 'a request decided already (twice)', kind: 'semantic', params: () => ({ actionId: cfx.action.decided }), expect: { status: 409, code: 'invalid_state', field: 'actionId' } },
      { name: 'an agent of the same tier as the requester', kind: 'auth', who: 'merchant', expect: { status: 403, code: 'forbidden' } },
      notAnAgent('other'),
    ],
  },
  { method: 'GET', url: '/api/v1/care/desk/alerts', access: ['agent', 'merchant', 'operator'], who: 'member', ok: 200, wrongRole: deskRoles, bad: [notAnAgent('other')] },
  {
    method: 'POST',
    url: '/api/v1/care/desk/alerts/:alertId/ack',
    access: ['agent', 'merchant', 'operator'],
    who: 'member',
    params: () => ({ alertId: cfx.alert.toAck }),
    ok: 200,
    wrongRole: deskRoles,
    missing: [notFoundAt('alertId')],
    bad: [
      { name: 'an alert acknowledged already (twice)', kind: 'semantic', params: () => ({ alertId: cfx.alert.acked }), expect: { status: 409, code: 'conflict', field: 'alertId' } },
      { name: 'a tier-1 agent on another agent’s ticket alert', kind: 'not-found', who: 'merchant', expect: { status: 404, code: 'not_found', field: 'alertId' } },
      notAnAgent('other'),
    ],
  },
  // Stores and operators.
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/care/agents', access: ['merchant'], who: 'member', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/care/agents',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    body: () => ({ userId: cfx.userIds.member, tier: 3, skills: ['quality', 'refund', 'wrong_item'], maxOpen: 20, active: true }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      ...agentBodyCases(),
      { name: 'a user who is not staff of the store', kind: 'semantic', body: (b) => ({ ...b, userId: fx.userIds.creator }), expect: { status: 400, code: 'validation_failed', field: 'userId' } },
      { name: 'a platform agent', kind: 'semantic', body: (b) => ({ ...b, userId: cfx.userIds.platformAgent }), expect: { status: 400, code: 'validation_failed', field: 'userId' } },
      { name: 'a member who is not the owner', kind: 'auth', who: 'member', expect: { status: 403, code: 'forbidden' } },
    ],
  },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/care/stats', access: ['merchant'], who: 'member', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  { method: 'GET', url: '/api/v1/ops/care/agents', access: ['operator'], who: 'operator', ok: 200, wrongRole: nonOperators, bad: [] },
  {
    method: 'POST',
    url: '/api/v1/ops/care/agents',
    access: ['operator'],
    who: 'operator',
    body: () => ({ userId: cfx.userIds.platformAgent, tier: 3, skills: SKILLS }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...agentBodyCases(), { name: 'an agent of a store', kind: 'semantic', body: (b) => ({ ...b, userId: cfx.userIds.merchant }), expect: { status: 409, code: 'conflict', field: 'userId' } }],
  },
  { method: 'POST', url: '/api/v1/ops/care/sweep', access: ['operator'], who: 'operator', ok: 200, wrongRole: nonOperators, bad: [] },
  {
    method: 'POST',
    url: '/api/v1/ops/care/compensations/:compensationId/recover',
    access: ['operator'],
    who: 'operator',
    params: () => ({ compensationId: cfx.compensation.platform }),
    body: () => ({ note: '商家虚假宣传，判定商家责任' }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [notFoundAt('compensationId')],
    bad: [
      bodyWithout('note'),
      bodyAt('note', '', 'out-of-range'),
      bodyAt('note', '   ', 'malformed'),
      bodyAt('note', long(201), 'out-of-range'),
      bodyAt('note', 5, 'malformed'),
      bodyAt('amountFen', 100, 'unknown-field'),
      { name: 'a compensation the store paid itself', kind: 'semantic', params: () => ({ compensationId: cfx.compensation.store }), expect: { status: 409, code: 'invalid_state', field: 'compensationId' } },
      { name: 'a compensation recovered already (twice)', kind: 'semantic', params: () => ({ compensationId: cfx.compensation.recovered }), expect: { status: 409, code: 'invalid_state', field: 'compensationId' } },
    ],
  },
  // The shopper's balance (ledger): where compensation lands.
  { method: 'GET', url: '/api/v1/me/balance', access: 'user', who: 'shopper', ok: 200, bad: PAGE_CASES() },
];
