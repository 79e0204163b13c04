// The service desk (客服) over HTTP and its socket: a shopper's ticket on a late order is
// classified and routed to the store's least-loaded skilled agent; the agent's reply reaches the
// shopper live and its response time is kept; compensation within the tier's limits is paid at
// once into the shopper's balance (idempotent), above them it waits for a supervisor; disputes go
// to the platform, which may recover what it paid from the store; escalation, SLA breaches and
// alerts, resolve / reopen / auto-close. The desk's clock is moved by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Action, Alert, Message, TicketDetail } from '../../src/modules/care/schemas.ts';
import { Viewer } from '../support/live.ts';
import { Client, startTestPlatform, type TestPlatform, quiesce as quiesceAll } from '../support/platform.ts';

let t: TestPlatform;
let now = Date.now();
const HOUR = 3_600_000;
let merchant: Client; // store A's owner: a tier-1 store agent (logistics)
let member: Client; // store A's staff: a tier-3 store agent (the store's supervisor)
let otherMerchant: Client; // store B's owner and agent
let shopper: Client;
let second: Client;
let p1: Client; // platform tier 1 (disputes)
let p3: Client; // platform tier 3 (supervisor)
let operator: Client;
const ids: Record<string, string> = {};
let store: Store;
let tea: Product;
let n = 0;
const tickets: Record<string, TicketDetail> = {};

const me = async (c: Client) => (await c.get<{ id: string }>('/api/v1/me')).body.id;
const quiesce = () => quiesceAll(t);
const balance = async (c: Client) => (await c.get<{ balanceFen: number }>('/api/v1/me/balance')).body.balanceFen;
const payable = async () => (await merchant.get<{ payableFen: number }>(`/api/v1/merchant/stores/${store.id}/statement`)).body.payableFen;
const open = (c: Client, body: Record<string, unknown>) => c.post<TicketDetail>('/api/v1/care/tickets', body);
const detail = async (id: string) => (await shopper.get<TicketDetail>(`/api/v1/care/tickets/${id}`)).body;
const compensate = (c: Client, ticketId: string, body: Record<string, unknown>, key = `care-comp-${++n}`) =>
  c.post<Action>(`/api/v1/care/desk/tickets/${ticketId}/compensations`, body, { 'idempotency-key': key });
const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

async function buyAndPay(who: Client): Promise<string> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: tea.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `care-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await quiesce();
  return r.body.orders[0]!.id;
}

beforeAll(async () => {
  t = await startTestPlatform({ SANDBOX_PSP_MAX_DELAY_MS: '0', JOBS_BACKOFF_MS: '50', CARE_TIER1_DAY_FEN: '8000' }, { clock: () => new Date(now) });
  const categoryId = (await t.platform.services.categories.create({ nameZh: '茶', nameEn: 'Tea' })).id;
  merchant = await t.client.register('care-merchant@example.com', ['merchant'], '店主阿明');
  member = await t.client.register('care-member@example.com', ['merchant'], '客服主管');
  otherMerchant = await t.client.register('care-other@example.com', ['merchant']);
  shopper = await t.client.register('care-shopper@example.com', [], '张三');
  second = await t.client.register('care-second@example.com', [], '李四');
  const staff = async (email: string, roles: Array<'agent' | 'operator'>) => {
    const u = await t.platform.services.identity.register({ email, password: 'correct-horse-1', displayName: email.split('@')[0]!, roles: [] });
    await t.platform.services.identity.setRoles(u.id, roles);
    return t.client.login(email, 'correct-horse-1');
  };
  p1 = await staff('care-p1@example.com', ['agent']);
  p3 = await staff('care-p3@example.com', ['agent']);
  operator = await staff('care-ops@example.com', ['operator']);
  for (const [k, c] of Object.entries({ merchant, member, otherMerchant, shopper, second, p1, p3 })) ids[k] = await me(c);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '客服测试店' })).body;
  expect((await merchant.post(`/api/v1/merchant/stores/${store.id}/members`, { email: 'care-member@example.com', role: 'member' })).status).toBe(200);
  const storeB = (await otherMerchant.post<Store>('/api/v1/merchant/stores', { name: '别家店' })).body;
  tea = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '明前龙井', categoryId, skus: [{ optionValues: {}, priceFen: 9900, stock: 100 }] })).body;
  const agent = (c: Client, url: string, body: Record<string, unknown>) => c.post(url, body).then((r) => expect(r.status, JSON.stringify(r.body)).toBe(200));
  await agent(merchant, `/api/v1/merchant/stores/${store.id}/care/agents`, { userId: ids.merchant, tier: 1, skills: ['logistics'] });
  await agent(merchant, `/api/v1/merchant/stores/${store.id}/care/agents`, { userId: ids.member, tier: 3, skills: ['quality', 'refund', 'other'] });
  await agent(otherMerchant, `/api/v1/merchant/stores/${storeB.id}/care/agents`, { userId: ids.otherMerchant, tier: 3, skills: ['logistics'] });
  await agent(operator, '/api/v1/ops/care/agents', { userId: ids.p1, tier: 1, skills: ['fraud', 'logistics'] });
  await agent(operator, '/api/v1/ops/care/agents', { userId: ids.p3, tier: 3, skills: ['other'] });
  // A store may name only its own staff.
  const stranger = await merchant.post(`/api/v1/merchant/stores/${store.id}/care/agents`, { userId: ids.second, tier: 1, skills: ['other'] });
  expect(stranger.status).toBe(400);
  expect(stranger.problem.field).toBe('userId');
});
afterAll(() => t.close());

describe('service desk', () => {
  it('a ticket on a late order is classified as logistics and routed to the store’s skilled agent; one live ticket per order', async () => {
    ids.order1 = await buyAndPay(shopper);
    now += 3 * 24 * HOUR; // paid three days ago and still not shipped: past the 48 h promise
    const r = await open(shopper, { origin: 'order', orderId: ids.order1, text: '都三天了还没发货，什么时候能发？' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const tk = r.body.ticket;
    expect(tk).toMatchObject({ category: 'logistics', queue: 'store', storeId: store.id, status: 'assigned', assigneeId: ids.merchant, assigneeName: '店主阿明', userName: '张三' });
    expect(tk.triage.reasons.length).toBeGreaterThan(0);
    expect(r.body.messages.map((m) => [m.authorKind, m.event?.kind ?? null])).toEqual([['shopper', null], ['system', 'assigned']]);
    expect(tk.awaitingSince).toBe(new Date(now).toISOString());
    expect(new Date(tk.firstResponseDue).getTime()).toBeGreaterThan(now);
    tickets.late = r.body;
    // The same order again: the text joins the live ticket.
    const again = await open(shopper, { origin: 'order', orderId: ids.order1, text: '在吗？' });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(tk.id);
    expect(again.body.messages.at(-1)).toMatchObject({ authorKind: 'shopper', body: '在吗？' });
    // Someone else's order is not found; nothing is written.
    const before = await count('care_tickets');
    const theirs = await open(second, { origin: 'order', orderId: ids.order1, text: '帮我查一下' });
    expect(theirs.status).toBe(404);
    expect(theirs.problem.field).toBe('orderId');
    expect(await count('care_tickets')).toBe(before);
    expect(await count(`outbox WHERE topic = 'care.ticket.opened'`)).toBe(1);
  });

  it('the agent’s reply reaches the shopper’s socket at once and its response time is kept; other desks do not see the ticket', async () => {
    const id = tickets.late!.ticket.id;
    const ws = t.url.replace(/^http/, 'ws') + `/ws/care/tickets/${id}`;
    const viewer = await Viewer.open(ws, shopper.authHeaders);
    const snapshot = await viewer.next((m) => m.type === 'snapshot');
    expect((snapshot.detail as TicketDetail).ticket.id).toBe(id);
    now += 90_000;
    const r = await merchant.post<Message>(`/api/v1/care/tickets/${id}/messages`, { body: '您好，已催仓库今天发出，给您添麻烦了' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ authorKind: 'agent', authorName: '店主阿明' });
    expect(r.body.responseMs).toBeGreaterThanOrEqual(90_000);
    const live = await viewer.next((m) => m.type === 'message' && (m.message as Message).id === r.body.id);
    expect((live.message as Message).body).toBe('您好，已催仓库今天发出，给您添麻烦了');
    // The shopper writes over the socket; the agent sees it over HTTP.
    viewer.send({ type: 'message', body: '好的，谢谢' });
    await expect.poll(async () => (await detail(id)).messages.at(-1)?.body).toBe('好的，谢谢');
    viewer.socket.close();
    const d = await detail(id);
    expect(d.ticket.firstResponseAt).not.toBeNull();
    expect(d.ticket.awaitingSince).not.toBeNull(); // the shopper's last message waits for an answer
    await quiesce();
    expect(await count(`outbox WHERE topic = 'care.ticket.replied'`)).toBe(1);
    expect((await otherMerchant.get(`/api/v1/care/tickets/${id}`)).status).toBe(404);
    expect((await second.get(`/api/v1/care/tickets/${id}`)).status).toBe(404);
    const refused = await Viewer.open(ws, second.authHeaders);
    await expect(refused.closed()).resolves.toBe(4004);
  });

  it('compensation within the tier’s limits is paid at once into the shopper’s balance, once per Idempotency-Key', async () => {
    const id = tickets.late!.ticket.id;
    const payableBefore = await payable();
    const r = await compensate(merchant, id, { amountFen: 1000, fundedBy: 'store', reason: '发货延迟补偿' }, 'late-comp-1');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'done', amountFen: 1000, fundedBy: 'store', over: null });
    expect(r.body.compensationId).not.toBeNull();
    expect(await balance(shopper)).toBe(1000);
    expect(await payable()).toBe(payableBefore - 1000);
    const replay = await compensate(merchant, id, { amountFen: 1000, fundedBy: 'store', reason: '发货延迟补偿' }, 'late-comp-1');
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(r.body.id);
    expect((await compensate(merchant, id, { amountFen: 2000, fundedBy: 'store', reason: '发货延迟补偿' }, 'late-comp-1')).status).toBe(409);
    const platformMoney = await compensate(merchant, id, { amountFen: 500, fundedBy: 'platform', reason: '平台出钱' });
    expect(platformMoney.status).toBe(403);
    expect(platformMoney.problem.field).toBe('fundedBy');
    expect((await merchant.post(`/api/v1/care/desk/tickets/${id}/compensations`, { amountFen: 500, fundedBy: 'store', reason: 'x' })).status).toBe(400);
    expect((await otherMerchant.post(`/api/v1/care/desk/tickets/${id}/compensations`, { amountFen: 500, fundedBy: 'store', reason: 'x' }, { 'idempotency-key': 'other-store' })).status).toBe(404);
    expect(await balance(shopper)).toBe(1000);
    const events = (await detail(id)).messages.filter((m) => m.event?.kind === 'compensated');
    expect(events.map((m) => m.event!.amountFen)).toEqual([1000]);
    const desk = (await merchant.get<{ authority: { dayUsedFen: number; remainingFen: number } }>('/api/v1/care/desk/me')).body;
    expect(desk.authority).toMatchObject({ dayUsedFen: 1000, remainingFen: 7000 });
    const ctx = (await merchant.get<{ authority: { caseUsedFen: number; remainingFen: number }; order: { id: string } }>(`/api/v1/care/desk/tickets/${id}/context`)).body;
    expect(ctx.order.id).toBe(ids.order1);
    expect(ctx.authority).toMatchObject({ caseUsedFen: 1000, remainingFen: 4000 });
  });

  it('above the case limit the request waits for a supervisor of a higher tier, who pays it', async () => {
    const id = tickets.late!.ticket.id;
    const r = await compensate(merchant, id, { amountFen: 4500, fundedBy: 'store', reason: '超时发货，按承诺赔付' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'pending', over: 'case', compensationId: null });
    expect(await balance(shopper)).toBe(1000);
    expect((await merchant.get<Action[]>('/api/v1/care/desk/approvals')).body).toEqual([]);
    expect((await p1.get<Action[]>('/api/v1/care/desk/approvals')).body).toEqual([]);
    expect((await otherMerchant.get<Action[]>('/api/v1/care/desk/approvals')).body).toEqual([]);
    expect((await member.get<Action[]>('/api/v1/care/desk/approvals')).body.map((a) => a.id)).toEqual([r.body.id]);
    expect((await merchant.post(`/api/v1/care/desk/approvals/${r.body.id}`, { approve: true })).status).toBe(403);
    const ok = await member.post<Action>(`/api/v1/care/desk/approvals/${r.body.id}`, { approve: true, note: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'done', decidedBy: ids.member });
    expect(await balance(shopper)).toBe(5500);
    const twice = await member.post(`/api/v1/care/desk/approvals/${r.body.id}`, { approve: true });
    expect(twice.status).toBe(409);
    expect(await balance(shopper)).toBe(5500);
    // The approval is the supervisor's authority, not the agent's day.
    expect((await merchant.get<{ authority: { dayUsedFen: number } }>('/api/v1/care/desk/me')).body.authority.dayUsedFen).toBe(1000);
    expect(await count(`audit_log WHERE action LIKE 'care.compensate%' AND subject_id = $1`, [id])).toBe(3);
  });

  it('the daily limit counts everything the agent paid today', async () => {
    ids.order2 = await buyAndPay(shopper);
    const r = await open(shopper, { origin: 'order', orderId: ids.order2, text: '快递到哪了，怎么还没发货' });
    expect(r.status).toBe(201);
    const id = r.body.ticket.id;
    tickets.second = r.body;
    expect((await compensate(merchant, id, { amountFen: 4000, fundedBy: 'store', reason: '安抚' })).body.status).toBe('done'); // day 5000 of 8000
    const over = await compensate(merchant, id, { amountFen: 3500, fundedBy: 'store', reason: '再补' }); // case 7500 > 5000
    expect(over.body).toMatchObject({ status: 'pending', over: 'case' });
    ids.order3 = await buyAndPay(shopper);
    const third = (await open(shopper, { origin: 'order', orderId: ids.order3, text: '还没发货吗' })).body.ticket.id;
    const day = await compensate(merchant, third, { amountFen: 3500, fundedBy: 'store', reason: '安抚' }); // day 8500 > 8000
    expect(day.status).toBe(202);
    expect(day.body.over).toBe('day');
    const rejected = await member.post<Action>(`/api/v1/care/desk/approvals/${day.body.id}`, { approve: false, note: '已赔过' });
    expect(rejected.body.status).toBe('rejected');
    expect(await balance(shopper)).toBe(9500);
    expect((await merchant.post(`/api/v1/care/tickets/${third}/close`, {})).status).toBe(200);
  });

  it('disputes go to the platform’s desk; its supervisor approves; the platform recovers what it paid from the store at fault', async () => {
    ids.order4 = await buyAndPay(shopper);
    const r = await open(shopper, { origin: 'order', orderId: ids.order4, text: '直播间说是正品真丝，收到完全是化纤的，虚假宣传，我要投诉' });
    expect(r.status).toBe(201);
    const tk = r.body.ticket;
    expect(tk).toMatchObject({ category: 'fraud', queue: 'platform', assigneeId: ids.p1 });
    expect(['high', 'urgent']).toContain(tk.urgency);
    // The store sees its order's dispute but does not act on it.
    expect((await merchant.get(`/api/v1/care/tickets/${tk.id}`)).status).toBe(200);
    expect((await merchant.post(`/api/v1/care/tickets/${tk.id}/messages`, { body: '我们是正品' })).status).toBe(403);
    const paid = await compensate(p1, tk.id, { amountFen: 2000, fundedBy: 'platform', reason: '先行赔付' });
    expect(paid.status).toBe(201);
    const big = await compensate(p1, tk.id, { amountFen: 4000, fundedBy: 'platform', reason: '退一赔三' });
    expect(big.status).toBe(202);
    expect((await p3.get<Action[]>('/api/v1/care/desk/approvals')).body.map((a) => a.id)).toContain(big.body.id);
    expect((await member.get<Action[]>('/api/v1/care/desk/approvals')).body.map((a) => a.id)).not.toContain(big.body.id);
    expect((await p3.post<Action>(`/api/v1/care/desk/approvals/${big.body.id}`, { approve: true })).body.status).toBe('done');
    expect(await balance(shopper)).toBe(15_500);
    const before = await payable();
    const rec = await operator.post(`/api/v1/ops/care/compensations/${paid.body.compensationId}/recover`, { note: '商家虚假宣传，判定商家责任' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(await payable()).toBe(before - 2000);
    expect((await operator.post(`/api/v1/ops/care/compensations/${paid.body.compensationId}/recover`, { note: '再来' })).status).toBe(409);
    const storeFunded = (await t.platform.db.query<{ id: string }>(`SELECT id FROM after_sales_compensations WHERE funded_by = 'store' LIMIT 1`))[0]!.id;
    expect((await operator.post(`/api/v1/ops/care/compensations/${storeFunded}/recover`, { note: '商家已付' })).status).toBe(409);
    expect(await payable()).toBe(before - 2000);
    expect((await p1.post(`/api/v1/care/tickets/${tk.id}/close`, {})).status).toBe(200);
  });

  it('escalation hands a store’s ticket to the platform’s desk; the store can no longer act on it', async () => {
    const id = tickets.second!.ticket.id;
    const r = await merchant.post<TicketDetail>(`/api/v1/care/desk/tickets/${id}/escalate`, { note: '顾客要求平台介入' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.ticket.queue).toBe('platform');
    expect(r.body.ticket.status).toBe('assigned');
    expect([ids.p1, ids.p3]).toContain(r.body.ticket.assigneeId);
    expect(r.body.messages.some((m) => m.event?.kind === 'escalated')).toBe(true);
    expect((await compensate(merchant, id, { amountFen: 100, fundedBy: 'store', reason: 'x' })).status).toBe(403);
    expect((await merchant.post(`/api/v1/care/desk/tickets/${id}/escalate`, {})).status).toBe(403);
    expect((await p3.post(`/api/v1/care/desk/tickets/${id}/escalate`, {})).status).toBe(409);
    expect((await p3.post(`/api/v1/care/tickets/${id}/close`, {})).status).toBe(200);
  });

  it('a ticket nobody answers breaks its SLA: marked once, an alert for the desk’s supervisors, acknowledged', async () => {
    const r = await open(second, { origin: 'help', text: '请问怎么开发票？' });
    expect(r.status).toBe(201);
    const id = r.body.ticket.id;
    expect(r.body.ticket.queue).toBe('platform');
    now += 73 * HOUR; // past both timers, whatever the urgency (a low one resolves within 72 h)
    const sweep = await operator.post<{ breached: number }>('/api/v1/ops/care/sweep');
    expect(sweep.status).toBe(200);
    expect(sweep.body.breached).toBeGreaterThanOrEqual(2);
    const tk = (await second.get<TicketDetail>(`/api/v1/care/tickets/${id}`)).body.ticket;
    expect(tk.breached.sort()).toEqual(['first_response', 'resolve']);
    expect((await operator.post<{ breached: number }>('/api/v1/ops/care/sweep')).body.breached).toBe(0);
    const alerts = (await p3.get<Alert[]>('/api/v1/care/desk/alerts')).body.filter((a) => a.ticketId === id);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['first_response', 'resolve']);
    expect((await merchant.get<Alert[]>('/api/v1/care/desk/alerts')).body.some((a) => a.ticketId === id)).toBe(false);
    const ack = await p3.post<Alert>(`/api/v1/care/desk/alerts/${alerts[0]!.id}/ack`);
    expect(ack.body.acknowledgedAt).not.toBeNull();
    expect((await p3.get<Alert[]>('/api/v1/care/desk/alerts')).body.filter((a) => a.ticketId === id)).toHaveLength(1);
    await quiesce();
    expect(await count(`outbox WHERE topic = 'care.ticket.sla_breached' AND payload->>'ticketId' = $1`, [id])).toBe(2);
  });

  it('resolved, reopened by the shopper’s message, resolved again and closed by itself; a closed ticket takes no messages', async () => {
    const id = tickets.late!.ticket.id;
    expect((await merchant.post<TicketDetail>(`/api/v1/care/desk/tickets/${id}/resolve`, {})).body.ticket.status).toBe('resolved');
    expect((await shopper.post(`/api/v1/care/tickets/${id}/messages`, { body: '还是没收到物流信息' })).status).toBe(201);
    expect((await detail(id)).ticket).toMatchObject({ status: 'assigned', assigneeId: ids.merchant, resolvedAt: null });
    expect((await merchant.post(`/api/v1/care/desk/tickets/${id}/resolve`, {})).status).toBe(200);
    now += 73 * HOUR;
    expect((await operator.post<{ closed: number }>('/api/v1/ops/care/sweep')).body.closed).toBeGreaterThanOrEqual(1);
    expect((await detail(id)).ticket.status).toBe('closed');
    const late = await shopper.post(`/api/v1/care/tickets/${id}/messages`, { body: '？' });
    expect(late.status).toBe(409);
    await quiesce();
    expect(await count(`outbox WHERE topic = 'care.ticket.closed' AND payload->>'ticketId' = $1`, [id])).toBe(1);
    // The order may have a new ticket now.
    const fresh = await open(shopper, { origin: 'order', orderId: ids.order1, text: '又有问题了' });
    expect(fresh.status).toBe(201);
    expect(fresh.body.ticket.id).not.toBe(id);
    const mine = (await shopper.get<{ items: Array<{ id: string }>; total: number }>('/api/v1/me/care/tickets')).body;
    expect(mine.items[0]!.id).toBe(fresh.body.ticket.id);
  });
});
