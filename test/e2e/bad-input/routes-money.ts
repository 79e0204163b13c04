// Bad-input table: Payments (webhooks, sandbox PSP), payouts' webhook and ledger routes.
import { SIGNATURE_HEADER as PAYOUT_SIGNATURE, signPayload as signPayout } from '../../../src/modules/payments/payouts/sandbox-wire.ts';
import { SIGNATURE_HEADER, signPayload } from '../../../src/modules/payments/sandbox/wire.ts';
import { MISSING_IDS, bodyAt, bodyWithout, paramAt, queryAt, type Json, type RouteEntry, type Signer } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants, nonOperators, WEBHOOK_EVENT } from './kit.ts';
import { payoutFx } from './routes-alliance.ts';

/** The sandbox payout bank's news that the fixtures' withdrawal was paid (routes-alliance.ts). */
const PAYOUT_EVENT = (): Json => ({
  id: 'sxev_0000000000badinput00',
  type: 'transfer.paid',
  created: Math.floor(Date.now() / 1000),
  data: { transferRef: payoutFx.transferRef, merchantRef: payoutFx.payoutId, amountFen: payoutFx.amountFen, currency: 'CNY' },
});
const payoutSigned =
  (secret: () => string, t?: number): Signer =>
  (raw) => ({ [PAYOUT_SIGNATURE]: signPayout(secret(), raw, t) });
const payoutUnsigned = { status: 401, code: 'unauthenticated', field: PAYOUT_SIGNATURE } as const;

export const MONEY_ROUTES: RouteEntry[] = [
  // payments: the sandbox PSP's webhook (authenticated by its signature) and its pay-page API
  {
    method: 'POST',
    url: '/api/v1/payments/webhooks/sandbox',
    access: 'public',
    who: 'anon',
    body: WEBHOOK_EVENT,
    sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(fx.sandboxSecret, raw) }),
    ok: 200,
    bad: [
      { name: 'no signature', kind: 'auth', sign: null, expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed with a guessed secret (forged)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload('guessed-secret', raw) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'the signature of another body (tampered)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(fx.sandboxSecret, raw.replace('4290', '1')) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed ten minutes ago (expired, a replay)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(fx.sandboxSecret, raw, Math.floor(Date.now() / 1000) - 600) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'a malformed signature header', kind: 'auth', sign: () => ({ [SIGNATURE_HEADER]: 'v1=deadbeef' }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      bodyAt('type', 'payment.refunded', 'malformed'),
      bodyAt('id', 'evt-1', 'malformed'),
      bodyWithout('id'),
      bodyAt('created', 'yesterday', 'malformed'),
      bodyAt('sequence', 0, 'out-of-range'),
      bodyAt('data.amountFen', -1, 'out-of-range'),
      bodyAt('data.paymentRef', 'x', 'malformed'),
      bodyAt('data.extra', 1, 'unknown-field'),
      { name: 'a refund event without its refund id', kind: 'missing-field', body: (b) => ({ ...b, type: 'refund.succeeded' }), expect: { status: 400, code: 'validation_failed', field: 'data.refundId' } },
    ],
  },
  // payouts: the sandbox payout bank's webhook (authenticated by its signature)
  {
    method: 'POST',
    url: '/api/v1/payments/payouts/webhooks/sandbox',
    access: 'public',
    who: 'anon',
    body: PAYOUT_EVENT,
    sign: payoutSigned(() => payoutFx.secret),
    ok: 200,
    bad: [
      { name: 'no signature', kind: 'auth', sign: null, expect: payoutUnsigned },
      { name: 'signed with a guessed secret (forged)', kind: 'auth', sign: payoutSigned(() => 'guessed-secret'), expect: payoutUnsigned },
      { name: 'signed with the payment provider’s secret', kind: 'auth', sign: payoutSigned(() => fx.sandboxSecret), expect: payoutUnsigned },
      { name: 'the payment provider’s signature header', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(payoutFx.secret, raw) }), expect: payoutUnsigned },
      { name: 'the signature of another body (tampered)', kind: 'auth', sign: (raw) => payoutSigned(() => payoutFx.secret)(raw.replace('transfer.paid', 'transfer.failed')), expect: payoutUnsigned },
      { name: 'signed ten minutes ago (expired, a replay)', kind: 'auth', sign: (raw) => payoutSigned(() => payoutFx.secret, Math.floor(Date.now() / 1000) - 600)(raw), expect: payoutUnsigned },
      { name: 'a malformed signature header', kind: 'auth', sign: () => ({ [PAYOUT_SIGNATURE]: 'v1=deadbeef' }), expect: payoutUnsigned },
      bodyAt('type', 'transfer.refunded', 'malformed'),
      bodyAt('type', 'payment.succeeded', 'malformed'),
      bodyAt('id', 'evt-1', 'malformed'),
      bodyAt('id', 'sevt_0000000000badinput00', 'malformed'),
      bodyWithout('id'),
      bodyAt('created', 'yesterday', 'malformed'),
      bodyAt('created', -1, 'out-of-range'),
      bodyWithout('data'),
      bodyAt('data.transferRef', 'x', 'malformed'),
      bodyWithout('data.transferRef'),
      bodyAt('data.merchantRef', 'withdrawal 1', 'malformed'),
      bodyAt('data.amountFen', -1, 'out-of-range'),
      bodyAt('data.amountFen', 10_000_000_001, 'out-of-range'),
      bodyAt('data.amountFen', 5.5, 'malformed'),
      bodyAt('data.amountFen', '500', 'malformed'),
      bodyAt('data.currency', 'cny', 'malformed'),
      bodyWithout('data.currency'),
      bodyAt('data.failureReason', '', 'out-of-range'),
      bodyAt('data.failureReason', long(101, 'x'), 'out-of-range'),
      bodyAt('data.failureReason', 'Account Frozen!', 'malformed'),
      bodyAt('data.extra', 1, 'unknown-field'),
      { name: 'a failure without its reason', kind: 'missing-field', body: (b) => ({ ...b, type: 'transfer.failed' }), expect: { status: 400, code: 'validation_failed', field: 'data.failureReason' } },
      { name: 'a payment with a failure reason', kind: 'semantic', body: (b) => ({ ...b, data: { ...(b.data as Json), failureReason: 'account_frozen' } }), expect: { status: 400, code: 'validation_failed', field: 'data.failureReason' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/sandbox-psp/payments/:providerRef',
    access: 'public',
    who: 'anon',
    params: () => ({ providerRef: fx.payments.pending.providerRef }),
    ok: 200,
    bad: [paramAt('providerRef', `spay_${long(41, 'a')}`, 'out-of-range')],
  },
  {
    method: 'POST',
    url: '/api/v1/sandbox-psp/payments/:providerRef/confirm',
    access: 'user',
    who: 'shopper',
    params: () => ({ providerRef: fx.payments.pending.providerRef }),
    body: () => ({ outcome: 'succeed' }),
    ok: 200,
    bad: [
      bodyAt('outcome', 'maybe', 'malformed'),
      bodyAt('outcome', true, 'malformed'),
      bodyWithout('outcome'),
      { name: 'signed in as someone who is not the payer', kind: 'auth', who: 'creator', expect: { status: 403, code: 'forbidden' } },
      { name: 'a payment that already succeeded', kind: 'semantic', params: () => ({ providerRef: fx.payments.paid.providerRef }), expect: { status: 409, code: 'invalid_state' } },
    ],
  },

  {
    method: 'POST',
    url: '/api/v1/merchant/flash-sales',
    access: ['merchant'],
    who: 'merchant',
    body: () => ({ skuId: fx.flashSku, priceFen: 500, quantity: 1, perBuyerLimit: 1, startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }),
    ok: 201,
    wrongRole: nonMerchants,
    bad: [
      bodyAt('priceFen', -1, 'out-of-range'),
      bodyAt('priceFen', '9.90', 'malformed'),
      bodyAt('quantity', 0, 'out-of-range'),
      bodyAt('quantity', 100_001, 'out-of-range'),
      bodyAt('perBuyerLimit', 0, 'out-of-range'),
      bodyAt('startsAt', 'tomorrow', 'malformed'),
      bodyWithout('endsAt'),
      bodyAt('skuId', 'orange', 'malformed'),
      bodyAt('storeId', 'sto_x', 'unknown-field'),
      { name: 'a price not below the regular price', kind: 'semantic', body: (b) => ({ ...b, priceFen: 5990 }), expect: { status: 400, code: 'validation_failed', field: 'priceFen' } },
      { name: 'more than the SKU has in stock', kind: 'semantic', body: (b) => ({ ...b, quantity: 100_000 }), expect: { status: 409, code: 'invalid_state', field: 'quantity' } },
      { name: 'an end before the start', kind: 'semantic', body: (b) => ({ ...b, endsAt: new Date(Date.now() - 5000).toISOString() }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
      { name: "another store's SKU", kind: 'auth', who: 'other', expect: { status: 403, code: 'forbidden' } },
      { name: 'a SKU that does not exist', kind: 'not-found', body: (b) => ({ ...b, skuId: MISSING_IDS.skuId! }), expect: { status: 404, code: 'not_found', field: 'skuId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/flash-sales', access: ['merchant'], who: 'merchant', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  { method: 'GET', url: '/api/v1/flash-sales/:flashSaleId', access: 'public', who: 'anon', params: () => ({ flashSaleId: fx.flashSale }), ok: 200, bad: [paramAt('flashSaleId', 'sale-1')] },

  // ledger
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/statement',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ limit: '10', offset: '0' }),
    ok: 200,
    wrongRole: [...nonMerchants, 'operator'],
    notOwner: ['other'],
    bad: [
      ...PAGE_CASES(),
      queryAt('prefix', 'merchant:', 'unknown-field'),
      queryAt('from', '2026-13-01', 'malformed'),
      queryAt('to', 'yesterday', 'malformed'),
      { name: 'to before from', kind: 'semantic', query: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.to' } },
    ],
  },
  { method: 'GET', url: '/api/v1/ops/ledger/trial-balance', access: ['operator'], who: 'operator', ok: 200, wrongRole: [...nonOperators, 'member'], bad: [queryAt('currency', 'CNY', 'unknown-field')] },
  {
    method: 'GET',
    url: '/api/v1/ops/ledger/accounts',
    access: ['operator'],
    who: 'operator',
    query: () => ({ prefix: 'merchant:' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('prefix', 'Merchant:', 'malformed'), queryAt('prefix', "merchant:' OR 1=1", 'malformed'), queryAt('prefix', long(201, 'x'), 'out-of-range')],
  },
];
