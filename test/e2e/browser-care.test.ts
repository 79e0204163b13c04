// 客服 in real Chromium: a shopper whose paid order is three days late opens 联系客服 on the order
// page and writes; the store's agent (its owner) sees the ticket on the desk, replies and
// compensates ¥10 on the spot within their tier's limits; the shopper's chat shows the
// compensation card live (WebSocket, no reload) and the balance page shows ¥10.00. Also: the
// web app's care types are the server's route schemas (checked at type-check time).
import type { Static } from '@sinclair/typebox';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import type { ActionSchema, AgentBody, AgentSchema, AlertSchema, AuthoritySchema, CompensateBody, DeskMe, MessageSchema, OpenTicketBody, StatsSchema, TicketDetail, TicketPage, TicketSchema } from '../../src/modules/care/schemas.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import type * as WebCare from '../../web/src/typesCare.ts';
import { DESKTOP, launchChromium, PHONE, signInAt } from '../support/browser.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<WebCare.Ticket, Static<typeof TicketSchema>>>();
agree<Same<WebCare.TicketMessage, Static<typeof MessageSchema>>>();
agree<Same<WebCare.TicketDetail, Static<typeof TicketDetail>>>();
agree<Same<WebCare.TicketPage, Static<typeof TicketPage>>>();
agree<Same<WebCare.OpenTicketInput, Static<typeof OpenTicketBody>>>();
agree<Same<WebCare.Agent, Static<typeof AgentSchema>>>();
agree<Same<WebCare.AgentInput, Static<typeof AgentBody>>>();
agree<Same<WebCare.Authority, Static<typeof AuthoritySchema>>>();
agree<Same<WebCare.DeskMe, Static<typeof DeskMe>>>();
agree<Same<WebCare.CareAction, Static<typeof ActionSchema>>>();
agree<Same<WebCare.CompensateInput, Static<typeof CompensateBody>>>();
agree<Same<WebCare.CareAlert, Static<typeof AlertSchema>>>();
agree<Same<WebCare.DeskStats, Static<typeof StatsSchema>>>();

const SHOPPER = 'care-shopper@example.com';
const MERCHANT = 'care-merchant@example.com';
const PASSWORD = 'correct-horse-1';
const SHOT = (name: string) => `/tmp/care-${name}.png`;
const DAY = 86_400_000;

let t: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
let shopper: Client;
let shopperPage: Page;
let deskPage: Page;
let orderId: string;
let ticketId: string;
/** The desk's clock runs this far ahead: the order was paid "three days ago". */
let offsetMs = 0;

async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !(await ok()); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

async function signIn(page: Page, email: string): Promise<void> {
  await signInAt(page, t.url, email, PASSWORD);
}

async function newPage(options: typeof PHONE | typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestPlatform({ SERVE_WEB: 'true', SANDBOX_PSP_MAX_DELAY_MS: '0', JOBS_POLL_MS: '100' }, { clock: () => new Date(Date.now() + offsetMs) });
  const category = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  const merchant = await t.client.register(MERCHANT, ['merchant'], '果园老李');
  shopper = await t.client.register(SHOPPER, [], '王小明');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '老李果园' })).body;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp({ create: { width: 600, height: 600, channels: 3, background: '#f4a261' } }).png().toBuffer())], { type: 'image/png' }), 'orange.png');
  const imageId = (await merchant.post<ImageInfo>('/api/v1/images', fd)).body.id;
  const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '赣南脐橙 5斤装 当季现摘', categoryId: category.id, status: 'active', imageIds: [imageId], skus: [{ optionValues: {}, priceFen: 3990, stock: 100 }] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  // Bought and paid now; the store never ships.
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: made.body.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': 'care-browser-1' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  orderId = r.body.orders[0]!.id;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await until('payment', async () => (await shopper.get<Order>(`/api/v1/orders/${orderId}`)).body.status === 'paid');
  // The store's owner is its (tier 1) agent for shipping questions.
  const me = (await merchant.get<{ id: string }>('/api/v1/me')).body;
  const agent = await merchant.post(`/api/v1/merchant/stores/${store.id}/care/agents`, { userId: me.id, tier: 1, skills: ['logistics'] });
  expect(agent.status, JSON.stringify(agent.body)).toBe(200);
  // Three days pass on the desk's clock: the paid order is late (48 h promise).
  offsetMs = 3 * DAY;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await t?.close();
});

describe('客服 in Chromium', () => {
  it('the shopper opens 联系客服 on the late order and writes', async () => {
    shopperPage = await newPage(PHONE);
    await signIn(shopperPage, SHOPPER);
    await shopperPage.goto(`${t.url}/orders/${orderId}`);
    await shopperPage.getByTestId('order-contact-care').scrollIntoViewIfNeeded();
    await shopperPage.screenshot({ path: SHOT('order') });
    await shopperPage.getByTestId('order-contact-care').click();
    await shopperPage.waitForURL((u) => u.pathname === '/help/new');
    await expect.poll(() => shopperPage.getByTestId('care-order-card').count()).toBe(1);
    await shopperPage.getByTestId('care-input').fill('都三天了还没发货');
    await shopperPage.getByTestId('care-input-send').click();
    await shopperPage.waitForURL((u) => u.pathname.startsWith('/help/tickets/'));
    ticketId = new URL(shopperPage.url()).pathname.split('/').pop()!;
    await expect.poll(() => shopperPage.getByTestId('care-msg-shopper').first().textContent()).toContain('都三天了还没发货');
    expect(await shopperPage.getByTestId('care-ticket-category').textContent()).toBe('物流');
    // The store has an agent with the skill: the ticket is theirs at once.
    await expect.poll(() => shopperPage.getByTestId('care-ticket-status').textContent()).toBe('服务中');
    await expect.poll(() => shopperPage.getByTestId('care-note').allTextContents()).toContain('客服 果园老李 为您服务');
  });

  it('the agent sees it on the desk, replies and compensates ¥10 within the limit', async () => {
    deskPage = await newPage(DESKTOP);
    await signIn(deskPage, MERCHANT);
    await deskPage.goto(`${t.url}/desk`);
    const row = deskPage.locator(`[data-testid="desk-ticket"][data-ticket-id="${ticketId}"]`);
    await row.click();
    const conv = deskPage.getByTestId('desk-conversation');
    await expect.poll(() => conv.getAttribute('data-ticket-id')).toBe(ticketId);
    expect(await deskPage.getByTestId('desk-ticket-category').textContent()).toBe('物流');
    await expect.poll(() => conv.getByTestId('care-msg-shopper').first().textContent()).toContain('都三天了还没发货');
    // The order beside it: paid, not shipped, late when the ticket opened.
    await expect.poll(() => deskPage.getByTestId('desk-order').textContent()).toContain('赣南脐橙');
    expect(await deskPage.getByTestId('desk-late').textContent()).toContain('72');

    await deskPage.getByTestId('desk-reply').fill('非常抱歉让您久等了，已为您催促仓库发货，并为您申请补偿');
    await deskPage.getByTestId('desk-reply-send').click();
    await expect.poll(() => conv.getByTestId('care-msg-agent').count()).toBe(1);

    await deskPage.getByTestId('desk-compensate').click();
    const dialog = deskPage.getByTestId('comp-dialog');
    expect(await dialog.getByTestId('comp-limits').textContent()).toBe('本单还可直接赔付 ¥50.00，今日剩余 ¥500.00');
    await dialog.getByTestId('comp-amount').fill('10');
    expect(await dialog.getByTestId('comp-over').count()).toBe(0);
    expect(await dialog.getByTestId('comp-submit').textContent()).toBe('确认赔付');
    await expect.poll(() => dialog.getByTestId('comp-submit').isEnabled()).toBe(true);
    await deskPage.waitForTimeout(200); // the button's fade-in
    await deskPage.screenshot({ path: SHOT('desk-dialog') });
    await dialog.getByTestId('comp-submit').click();
    await expect.poll(() => deskPage.getByTestId('desk-comp-notice').textContent()).toBe('已赔付 ¥10.00，顾客已收到');
    await expect.poll(() => deskPage.getByTestId('desk-actions').textContent()).toContain('已赔付');
    await expect.poll(() => conv.getByTestId('care-compensation').count()).toBe(1);
    await expect.poll(() => deskPage.getByTestId('desk-authority').textContent()).toBe('本单还可直接赔付 ¥40.00，今日剩余 ¥490.00');
    await deskPage.screenshot({ path: SHOT('desk') });

    // The merchant console's 客服管理: the store's agent and the desk's numbers.
    await deskPage.goto(`${t.url}/merchant`);
    await deskPage.getByTestId('merchant-care-nav').click();
    await expect.poll(() => deskPage.getByTestId('care-agent-row').count()).toBe(1);
    await expect.poll(() => deskPage.getByTestId('care-stats').textContent()).toContain('近 30 天工单1');
    await deskPage.screenshot({ path: SHOT('merchant') });
  });

  it('the shopper’s chat shows the reply and the compensation live, and the balance has ¥10.00', async () => {
    // No reload: the ticket's socket brought them.
    await expect.poll(() => shopperPage.getByTestId('care-msg-agent').first().textContent()).toContain('已为您催促仓库发货');
    const card = shopperPage.getByTestId('care-compensation');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('已赔付 ¥10.00');
    expect(await card.textContent()).toContain('已存入您的账户余额');
    await shopperPage.screenshot({ path: SHOT('chat'), fullPage: true });

    await card.getByTestId('care-compensation-balance').click();
    await shopperPage.waitForURL((u) => u.pathname === '/me/balance');
    await expect.poll(() => shopperPage.getByTestId('balance-amount').textContent()).toBe('¥10.00');
    expect(await shopperPage.getByTestId('balance-line').first().textContent()).toContain('+¥10.00');
    await shopperPage.screenshot({ path: SHOT('balance'), fullPage: true });
    const balance = await shopper.get<{ balanceFen: number; items: { kind: string; amountFen: number }[] }>('/api/v1/me/balance');
    expect(balance.body.balanceFen).toBe(1000);
    expect(balance.body.items[0]).toMatchObject({ kind: 'compensation', amountFen: 1000 });
  });

  it('联系客服 on the order continues the ticket; 我的 leads to the help centre, which lists it; the desk is not for shoppers', async () => {
    await shopperPage.goto(`${t.url}/orders/${orderId}`);
    await shopperPage.getByTestId('order-contact-care').click();
    await shopperPage.waitForURL((u) => u.pathname === `/help/tickets/${ticketId}`);
    await expect.poll(() => shopperPage.getByTestId('care-compensation').count()).toBe(1);
    await shopperPage.goto(`${t.url}/me`);
    await shopperPage.getByTestId('me-help').click();
    await shopperPage.waitForURL((u) => u.pathname === '/help');
    await expect.poll(() => shopperPage.locator(`[data-testid="care-ticket-row"][data-ticket-id="${ticketId}"]`).count()).toBe(1);
    await shopperPage.screenshot({ path: SHOT('help'), fullPage: true });
    await shopperPage.goto(`${t.url}/desk`);
    await expect.poll(() => shopperPage.getByTestId('desk-not-agent').textContent()).toContain('你还不是客服');
  });
});
