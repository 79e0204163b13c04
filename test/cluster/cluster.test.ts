// Issue 10 against a real local cluster: 2 api + 2 worker + 1 ingest processes of this codebase
// (src/cluster/launch.ts) on one PostgreSQL, behind nginx. Run by `npm test` when DATABASE_URL
// names a PostgreSQL and nginx is installed (vitest.config.ts); CI installs nginx.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import { CategoryService } from '../../src/modules/catalog/categories.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { FlashSale } from '../../src/modules/commerce/flash-sales.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { HostRoom, Room } from '../../src/modules/live/schemas.ts';
import type { Message, TicketDetail } from '../../src/modules/care/schemas.ts';
import { AddressBook } from '../../src/modules/identity/addresses.ts';
import { IdentityService } from '../../src/modules/identity/service.ts';
import { loadSealer } from '../../src/platform/crypto.ts';
import { seededId } from '../../src/platform/ids.ts';
import { startTestCluster, type TestCluster } from '../support/cluster.ts';
import { NatsServer } from '../support/nats.ts';
import { invariantViolations } from '../support/invariants.ts';
import { pushStream, Viewer } from '../support/live.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import { TRANSCODE_JOB } from '../../src/modules/content/upload.ts';
import { TEST_ADDRESS, type Client, type Res } from '../support/platform.ts';

let c: TestCluster;
let nats: NatsServer;
let merchant: Client;
let store: Store;
let categoryId: string;

beforeAll(async () => {
  // Redis carries live rooms across the api processes; a prefix of this run's own keeps it apart from anything else on the server.
  // Events travel over a NATS JetStream of the test's own (so it can be stopped).
  nats = await NatsServer.start();
  c = await startTestCluster({
    apis: 2,
    workers: 2,
    ingests: 1,
    redisUrl: 'redis://127.0.0.1:6379',
    natsUrl: nats.url,
    env: { BUS_PREFIX: `fwtest-${process.pid}-${Date.now().toString(36)}`, SANDBOX_PSP_MAX_DELAY_MS: '0', JOBS_POLL_MS: '100', JOBS_LOCK_SECONDS: '3', EVENTS_POLL_MS: '100', FEED_RETRAIN_MIN_EVENTS: '4', TRANSCODE_PRESET: 'ultrafast', LIVE_RECONNECT_GRACE_SECONDS: '600', SESSION_CACHE_MS: '60000' },
  });
  const categories = new CategoryService(c.db);
  const root = await categories.create({ nameZh: '生鲜', nameEn: 'Fresh' });
  categoryId = (await categories.create({ parentId: root.id, nameZh: '水果', nameEn: 'Fruit' })).id;
  merchant = await c.client.register('cluster-merchant@example.com', ['merchant']);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '集群果园' })).body;
}, 300_000);
afterAll(async () => {
  await c?.close();
  await nats?.stop();
}, 60_000);

/** Many accounts at once, made in the database in bulk (as the platform's own import does), each with a bearer session token. */
async function sessions(n: number, tag: string, base: number, roles: Array<'operator' | 'merchant'> = []): Promise<string[]> {
  const identity = new IdentityService(c.db, { sessionTtlHours: 1, loginMaxAttempts: 5, loginWindowSeconds: 60 });
  const addresses = new AddressBook(c.db, loadSealer(Buffer.from(c.cluster.dataKey, 'base64'), c.dataDir));
  const users = Array.from({ length: n }, (_, i) => ({ id: seededId('usr', base + i), email: `${tag}${i}@example.com`, password: 'correct-horse-1', displayName: `${tag}${i}`, roles }));
  await c.db.tx(async (tx) => {
    await identity.importUsers(tx, users);
    await addresses.importDefaults(tx, users.map((u) => ({ userId: u.id, address: TEST_ADDRESS })));
  });
  return Promise.all(users.map(async (u) => (await identity.createSession(u.id, 'bearer', 'cluster-test')).token));
}

/** Shoppers (or operators) talking through the load balancer. */
async function shoppers(n: number, tag: string, base: number, roles: Array<'operator'> = []): Promise<Client[]> {
  return (await sessions(n, tag, base, roles)).map((token) => c.client.as(token));
}

/** What a real client does when the server it talked to died: the same request, the same Idempotency-Key, again. */
let interrupted = 0;
async function untilAnswered<T>(send: () => Promise<Res<T>>): Promise<Res<T>> {
  for (let attempt = 0; ; attempt++) {
    const r = await send().catch(() => null);
    if (r && r.status < 500) return r;
    interrupted++;
    if (attempt >= 40) throw new Error(`no answer after ${attempt} tries (last: ${r?.status ?? 'connection failed'})`);
    await new Promise((res) => setTimeout(res, 100 + attempt * 50));
  }
}

describe('a local cluster behind nginx', () => {
  // A test that killed a process and failed before bringing it back must not fail the next ones.
  afterEach(async () => {
    for (const p of c.cluster.processes) if (p.child && (p.child.exitCode !== null || p.child.signalCode !== null)) await c.cluster.launch(p);
  });

  it('events go through JetStream: the outbox is relayed; the operator sees its dead letters (none)', async () => {
    await expect.poll(async () => (await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`))[0]!.n, { timeout: 20_000 }).toBe(0);
    const [ops] = await shoppers(1, 'ops', 600_000, ['operator']);
    const dead = await ops!.get<{ source: string; total: number }>('/api/v1/ops/events/dead-letters');
    expect(dead.body).toEqual({ source: 'jetstream', total: 0, items: [] });
    expect((await merchant.get('/api/v1/ops/events/dead-letters')).status).toBe(403);
    // Consumer lag on the workers' metrics; the api processes count what they read for their engines.
    const workerMetrics = await (await fetch(`${c.cluster.process('worker-1').url}/metrics`)).text();
    expect(workerMetrics).toMatch(/^flywheel_event_consumer_pending \d+$/m);
    const apiMetrics = await (await fetch(`${c.cluster.process('api-1').url}/metrics`)).text();
    expect(Number(/^flywheel_events_tailed_total (\d+)$/m.exec(apiMetrics)?.[1])).toBeGreaterThan(0);
  });

  it('spreads requests over both api processes; worker and ingest processes serve only health', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add((await c.client.get<{ instance: string; roles: string[] }>('/api/health/ready')).body.instance);
    expect([...seen].sort()).toEqual(['api-1', 'api-2']);
    for (const w of ['worker-1', 'worker-2']) expect((await c.direct(w).get<{ roles: string[] }>('/api/health/ready')).body.roles).toEqual(['worker']);
    const refused = await c.direct('worker-1').get('/api/v1/categories');
    expect(refused.status).toBe(404);
    expect(refused.problem.code).toBe('not_found');
    expect((await c.direct('ingest-1').get('/api/v1/categories')).status).toBe(404);
  });

  it('a sign-out through one api process ends the session on the other, which had remembered it (event, not the time limit)', async () => {
    const [token] = await sessions(1, 'signout', 640_000);
    const on = (name: string) => c.direct(name).as(token!);
    expect((await on('api-2').get('/api/v1/me')).status).toBe(200); // remembered there for up to SESSION_CACHE_MS = 60 s
    expect((await on('api-1').post('/api/v1/auth/logout', {})).status).toBe(200);
    expect((await on('api-1').get('/api/v1/me')).status).toBe(401);
    await expect.poll(async () => (await on('api-2').get('/api/v1/me')).status, { timeout: 30_000 }).toBe(401);
  });

  it('a product made through one api process is found by the other (worker dispatch, search change log)', async () => {
    const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '集群脐橙 礼盒', categoryId, skus: [{ optionValues: {}, priceFen: 3990, stock: 10 }] });
    expect(made.status).toBe(201);
    for (const name of ['api-1', 'api-2']) {
      await expect.poll(async () => (await c.direct(name).get<{ items: Array<{ id: string }> }>(`/api/v1/search?q=${encodeURIComponent('集群脐橙')}&type=product`)).body.items?.map((i) => i.id), { timeout: 20_000 }).toContain(made.body.id);
    }
  });

  it('kill -9 of an api process in the middle of a 500-buyer flash sale: sold = stock, nobody charged twice, the ledger balances, the other keeps serving', async () => {
    const product = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '集群秒杀 脐橙 5kg', categoryId, skus: [{ optionValues: {}, priceFen: 5990, stock: 50 }] })).body;
    const skuId = product.skus[0]!.id;
    const sale = await merchant.post<FlashSale>('/api/v1/merchant/flash-sales', { skuId, priceFen: 990, quantity: 50, perBuyerLimit: 1, startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect(sale.status).toBe(201);
    const buyers = await shoppers(500, 'rush', 700_000);

    let answered = 0;
    let killed!: Promise<void>;
    const checkouts = buyers.map((b, i) =>
      untilAnswered(() => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: sale.body.id }], source: { type: 'live_room', id: 'room_1' } }, { 'idempotency-key': `cluster-rush-${i}` })).finally(() => {
        // Mid-sale: once a few buyers have their answer, one api process dies without warning.
        if (++answered === 20) killed = c.cluster.kill('api-1');
      }),
    );
    const results = await Promise.all(checkouts);
    await killed;
    expect(c.cluster.process('api-1').child?.signalCode).toBe('SIGKILL');
    console.info(`flash sale through the kill: ${interrupted} requests were cut off and sent again`);

    // A buyer whose order was written just before the kill, but whose answer was lost with the
    // process, hears it on the retry as a replay of the same Idempotency-Key: 200 and the header.
    const ordered = (r: Res<CheckoutResult>) => r.status === 201 || (r.status === 200 && r.headers.get('idempotent-replayed') === 'true');
    const won = results.map((r, i) => ({ r, b: buyers[i]! })).filter((x) => ordered(x.r));
    // What every buyer was told, for the log of a failing run.
    const answers = new Map<string, number>();
    for (const r of results) {
      const said = ordered(r) ? String(r.status) : `${r.status} ${r.problem.code} ${r.problem.detail}`;
      answers.set(said, (answers.get(said) ?? 0) + 1);
    }
    console.info('answers', JSON.stringify([...answers]));
    expect(won).toHaveLength(50);
    expect(new Set(results.filter((r) => !ordered(r)).map((r) => `${r.status} ${r.problem.code}`))).toEqual(new Set(['409 invalid_state']));
    // The winners pay; the sandbox PSP's webhooks (sent by the worker, some twice) reach the live api process.
    for (const { r, b } of won) {
      const paid = await untilAnswered(() => b.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' }));
      expect(paid.status).toBe(200);
    }
    for (const { r, b } of won) await expect.poll(async () => (await b.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body.status, { timeout: 60_000 }).toBe('paid');

    const [sold] = await c.db.query<{ orders: number; buyers: number; units: number }>(
      `SELECT count(DISTINCT o.id)::int AS orders, count(DISTINCT o.user_id)::int AS buyers, (SELECT count(*)::int FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NOT NULL) AS units
         FROM orders o JOIN stock_reservations r ON r.order_id = o.id WHERE r.flash_sale_id = $1 AND o.status = 'paid'`,
      [sale.body.id],
    );
    expect(sold).toEqual({ orders: 50, buyers: 50, units: 50 });
    const charged = await c.db.query<{ payer_id: string; n: number }>(`SELECT payer_id, count(*)::int AS n FROM payment_intents WHERE status = 'succeeded' GROUP BY payer_id HAVING count(*) > 1`);
    expect(charged).toEqual([]);
    expect((await c.client.get<FlashSale>(`/api/v1/flash-sales/${sale.body.id}`)).body.remaining).toBe(0);
    expect(await invariantViolations(c.db)).toEqual([]);
    // The survivor answers alone; the dead one comes back and takes its share again.
    expect((await c.client.get<{ instance: string }>('/api/health/ready')).body.instance).toBe('api-2');
    await c.cluster.launch(c.cluster.process('api-1'));
    expect((await c.direct('api-1').get('/api/health/ready')).status).toBe(200);
  }, 180_000);

  it('a stream enters through the ingest process; a comment posted through one api process reaches viewers on the other', async () => {
    // The host talks to api-1 only, so what reaches api-2's viewers must cross processes.
    const [hostToken] = await sessions(1, 'cluster-host', 630_000, ['merchant']);
    const host = c.direct('api-1').as(hostToken!);
    const hostStore = (await host.post<Store>('/api/v1/merchant/stores', { name: '集群直播间' })).body;
    const product = (await host.post<Product>(`/api/v1/merchant/stores/${hostStore.id}/products`, { title: '集群同款口红', categoryId, status: 'active', skus: [{ optionValues: {}, priceFen: 9900, stock: 20 }] })).body;
    const room = (await host.post<HostRoom>('/api/v1/live/rooms', { title: '集群专场', storeId: hostStore.id, productIds: [product.id] })).body;
    expect(room.ingest.rtmpUrl).toBe(`rtmp://127.0.0.1:${c.cluster.process('ingest-1').rtmpPort}/live`);
    const push = pushStream(`${room.ingest.rtmpUrl}/${room.ingest.streamKey}`, 30);
    try {
      // The ingest process saw the stream; both api processes serve the room as live, and its HLS from the shared storage.
      for (const name of ['api-1', 'api-2']) {
        await expect.poll(async () => (await c.direct(name).get<Room>(`/api/v1/live/rooms/${room.id}`)).body.state.streaming, { timeout: 30_000 }).toBe(true);
        await expect.poll(async () => (await fetch(`${c.cluster.process(name).url}/media/live/${room.id}/index.m3u8`)).status, { timeout: 30_000 }).toBe(200);
      }
      const ws = (name: string) => `${c.cluster.process(name).url.replace('http', 'ws')}/ws/live/rooms/${room.id}`;
      const fanA = await c.client.register('cluster-fan1@example.com', [], '一号粉丝');
      const fanB = await c.client.register('cluster-fan2@example.com', [], '二号粉丝');
      const a = await Viewer.open(ws('api-1'), fanA.authHeaders);
      const b = await Viewer.open(ws('api-2'), fanB.authHeaders);
      try {
        expect(await a.next((m) => m.t === 'hello')).toMatchObject({ roomId: room.id, state: { status: 'live' } });
        await b.next((m) => m.t === 'hello');
        b.send({ t: 'comment', text: '从二号进程发来的弹幕' });
        expect(await a.next((m) => m.t === 'comment')).toMatchObject({ text: '从二号进程发来的弹幕', user: { name: '二号粉丝' } });
        expect(await b.next((m) => m.t === 'comment')).toMatchObject({ text: '从二号进程发来的弹幕' });
        // The count each viewer sees is the room's, across processes.
        for (const v of [a, b]) await v.next((m) => m.t === 'viewers' && m.n === 2);
        // The host pins on api-1: both processes' viewers get the state.
        expect((await host.put(`/api/v1/live/rooms/${room.id}/pin`, { productId: product.id })).status).toBe(200);
        for (const v of [a, b]) await v.next((m) => m.t === 'state' && (m.state as { pinned: { id: string } | null }).pinned?.id === product.id);
        // A mute applied on api-1 holds for the viewer on api-2.
        const fanBId = (await fanB.get<{ id: string }>('/api/v1/me')).body.id;
        expect((await host.post<{ standing: string }>(`/api/v1/live/rooms/${room.id}/sanctions`, { userId: fanBId, action: 'mute' })).body.standing).toBe('muted');
        await expect
          .poll(async () => {
            b.send({ t: 'comment', text: '我还能说话吗' });
            await new Promise((r) => setTimeout(r, 200));
            return b.messages.some((m) => m.t === 'error' && m.code === 'muted');
          }, { timeout: 15_000 })
          .toBe(true);
      } finally {
        a.socket.close();
        b.socket.close();
      }
    } finally {
      push.child.kill('SIGKILL');
      await push.exited;
    }
  }, 120_000);

  it('NATS stopped for 10 s while shoppers buy and pay: no event lost or applied twice (inbox, outbox and orders reconcile)', async () => {
    const product = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '断网也不丢 脐橙', categoryId, skus: [{ optionValues: {}, priceFen: 2990, stock: 500 }] })).body;
    const skuId = product.skus[0]!.id;
    const buyers = await shoppers(40, 'outage', 800_000);
    const orders: Array<{ b: Client; orderId: string }> = [];
    const buy = async (b: Client, i: number) => {
      const r = await untilAnswered(() => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1 }], source: { type: 'search' } }, { 'idempotency-key': `outage-${i}` }));
      expect(r.status).toBe(201);
      const paid = await untilAnswered(() => b.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' }));
      expect(paid.status).toBe(200);
      orders.push({ b, orderId: r.body.orders[0]!.id });
    };
    // A steady stream of shoppers: the first few before, most of them during, the rest after the outage.
    const load = (async () => {
      for (let i = 0; i < buyers.length; i++) {
        await buy(buyers[i]!, i);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    load.catch(() => undefined); // awaited below; a failure there fails the test
    await new Promise((r) => setTimeout(r, 1000));
    await nats.halt();
    await new Promise((r) => setTimeout(r, 10_000));
    const [held] = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
    expect(held!.n).toBeGreaterThan(0); // waiting in the outbox while the broker is away
    await nats.resume();
    await load;
    for (const { b, orderId } of orders) await expect.poll(async () => (await b.get<Order>(`/api/v1/orders/${orderId}`)).body.status, { timeout: 90_000 }).toBe('paid');
    await expect.poll(async () => (await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'delivered'`))[0]!.n, { timeout: 60_000 }).toBe(0);

    // Reconcile: every (consumer, topic) pair that exists has an inbox row for every event of the topic — none lost —
    // and the inbox's key makes a second application impossible; payments and ledger postings match the orders one to one.
    const missing = async () =>
      c.db.query<{ consumer: string; topic: string; n: number }>(
        `WITH pairs AS (SELECT DISTINCT i.consumer, o.topic FROM inbox i JOIN outbox o USING (event_id))
         SELECT p.consumer, p.topic, count(*)::int AS n FROM pairs p JOIN outbox o ON o.topic = p.topic
           LEFT JOIN inbox i ON i.consumer = p.consumer AND i.event_id = o.event_id
          WHERE i.event_id IS NULL GROUP BY 1, 2`,
      );
    await expect.poll(missing, { timeout: 60_000 }).toEqual([]);
    const ids = orders.map((o) => o.orderId);
    const [paid] = await c.db.query<{ orders: number; intents: number }>(
      `SELECT count(DISTINCT o.id)::int AS orders, count(DISTINCT p.id)::int AS intents FROM orders o JOIN payment_intents p ON p.id = o.payment_intent_id AND p.status = 'succeeded'
        WHERE o.id = ANY($1::text[]) AND o.status = 'paid'`,
      [ids],
    );
    expect(paid).toEqual({ orders: buyers.length, intents: buyers.length });
    // One request id follows each payment across processes: the webhook the api took (via nginx's
    // X-Request-Id) → payment.intent.succeeded → the worker's handler → commerce.order.paid.
    const traces = await c.db.query<{ intent: string | null; paid: string | null }>(
      `SELECT pi.request_id AS intent, op.request_id AS paid FROM orders o
         JOIN outbox pi ON pi.topic = 'payment.intent.succeeded' AND pi.payload->>'intentId' = o.payment_intent_id
         JOIN outbox op ON op.topic = 'commerce.order.paid' AND op.payload->>'orderId' = o.id
        WHERE o.id = ANY($1::text[])`,
      [ids],
    );
    expect(traces).toHaveLength(buyers.length);
    expect(traces.every((t) => t.intent !== null && t.paid === t.intent)).toBe(true);
    const [dead] = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'dead'`);
    expect(dead!.n).toBe(0);
    expect(await invariantViolations(c.db)).toEqual([]);
  }, 180_000);

  it('kill -9 of the worker in the middle of a transcode: the other worker runs the job again and the video is published once (one event)', async () => {
    const clip = await makeVideo({ seconds: 8, width: 720, height: 1280 });
    try {
      const video = (await merchant.post<Video>('/api/v1/videos', { title: '集群转码：杀掉也能发布' })).body;
      expect((await merchant.put<Video>(`/api/v1/videos/${video.id}/source`, videoForm(clip.data))).status).toBe(202);
      const job = async () => (await c.db.query<{ id: string; status: string; attempts: number; locked_by: string | null }>(`SELECT id, status, attempts, locked_by FROM jobs WHERE kind = $1 AND payload->>'videoId' = $2`, [TRANSCODE_JOB, video.id]))[0];
      await expect.poll(async () => (await job())?.status, { timeout: 30_000, interval: 50 }).toBe('running');
      const first = await job();
      const pid = Number(/^w-(\d+)-/.exec(first!.locked_by ?? '')?.[1]);
      const victim = c.cluster.processes.find((p) => p.role === 'worker' && p.child?.pid === pid)!;
      expect(victim).toBeDefined();
      await c.cluster.kill(victim.name);
      // The lock runs out (JOBS_LOCK_SECONDS=3, renewed only by a live worker); the other worker takes it.
      await expect.poll(async () => (await merchant.get<Video>(`/api/v1/videos/${video.id}`)).body.status, { timeout: 90_000 }).toBe('ready');
      const done = await job();
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(done!.locked_by).not.toBe(first!.locked_by);
      const [published] = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'content.video.published' AND payload->>'videoId' = $1`, [video.id]);
      expect(published!.n).toBe(1);
      await c.cluster.launch(victim);
    } finally {
      await dropVideo(clip);
    }
  }, 180_000);

  it('a worker trains the distribution models; both api processes serve the same version from the shared storage', async () => {
    const [a, b] = await Promise.all(['模型甲', '模型乙'].map(async (title) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 10 }] })).body));
    // Shoppers who tap 甲 go on to put 乙 in the cart: signals for the models to learn.
    for (let u = 0; u < 4; u++) {
      const r = await c.client.post('/api/v1/events', { deviceId: `cluster-train-${u}`, events: [
        { id: `cluster-train-${u}-1`, type: 'product_tap', itemType: 'product', itemId: a!.id, at: new Date().toISOString() },
        { id: `cluster-train-${u}-2`, type: 'add_to_cart', itemType: 'product', itemId: b!.id, at: new Date().toISOString() },
      ] });
      expect([r.status, r.body]).toMatchObject([200, {}]);
    }
    // A worker that starts now replays the behaviour log, retrains at once and announces the model.
    await c.cluster.kill('worker-2', 'SIGTERM');
    await c.cluster.launch(c.cluster.process('worker-2'));
    const [opsToken] = await sessions(1, 'models-ops', 610_000, ['operator']);
    type View = { engine: { trained: { goods: { version: number; trainedAt: string; events: number } | null } } };
    const trained = async (name: string) => (await c.direct(name).as(opsToken!).get<View>('/api/v1/ops/distribution')).body.engine.trained.goods;
    // Both serve one version (on a busy machine a later retrain may land before the second has
    // loaded the first: then both move on to it).
    const agreed: { on: Awaited<ReturnType<typeof trained>> } = { on: null };
    await expect.poll(async () => {
      const [one, two] = await Promise.all([trained('api-1'), trained('api-2')]);
      agreed.on = one && two && one.trainedAt === two.trainedAt ? one : null;
      return agreed.on?.trainedAt ?? null;
    }, { timeout: 90_000 }).not.toBeNull();
    expect(agreed.on!.events).toBeGreaterThanOrEqual(8);
  }, 180_000);

  it('service desk chat spans processes: a message posted through one api process reaches the ticket’s socket on the other', async () => {
    const [token] = await sessions(1, 'care-shopper', 620_000);
    const opened = await c.direct('api-2').as(token!).post<TicketDetail>('/api/v1/care/tickets', { origin: 'help', text: '集群里的客服能收到吗？' });
    expect(opened.status).toBe(201);
    const id = opened.body.ticket.id;
    const viewer = await Viewer.open(`${c.cluster.process('api-1').url.replace('http', 'ws')}/ws/care/tickets/${id}`, { authorization: `Bearer ${token}` });
    try {
      await viewer.next((m) => m.type === 'snapshot');
      const posted = await c.direct('api-2').as(token!).post<Message>(`/api/v1/care/tickets/${id}/messages`, { body: '从另一个进程补充一句' });
      expect(posted.status).toBe(201);
      const live = await viewer.next((m) => m.type === 'message' && (m.message as Message).id === posted.body.id);
      expect((live.message as Message).body).toBe('从另一个进程补充一句');
    } finally {
      viewer.socket.close();
    }
  });
});

