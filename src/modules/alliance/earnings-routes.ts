// Money routes of the alliance: creators' commissions, earnings and withdrawals; stores' sales by
// creator; operators' settlement (the sweep the scheduler also runs, and settling one commission).
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { IdempotencyKey, Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { toCommission, type EarningsService } from './earnings.ts';
import { CommissionPage, CommissionParams, CommissionQuery, CommissionSchema, CreatorSalesPage, EarningsSchema, WithdrawalPage, WithdrawalSchema, WithdrawBody } from './earnings-schemas.ts';
import type { Settlement } from './settlement.ts';

const tags = ['alliance'];
const creator = { access: ['creator'] as const };

export function earningsRoutes(app: App, earnings: EarningsService, settlement: Settlement): void {
  app.get(
    '/api/v1/me/alliance/earnings',
    { config: creator, schema: { tags, summary: 'My commission money: pending, available to withdraw, withheld, withdrawn, and by content', response: { 200: EarningsSchema } } },
    async (req) => earnings.earnings(requirePrincipal(req).userId),
  );
  app.get(
    '/api/v1/me/alliance/commissions',
    { config: creator, schema: { tags, summary: 'My commissions, newest first: one per order line my content sold', querystring: CommissionQuery, response: { 200: CommissionPage } } },
    async (req) => earnings.commissions(requirePrincipal(req).userId, req.query),
  );
  app.post(
    '/api/v1/me/alliance/withdrawals',
    {
      config: creator,
      schema: {
        tags,
        summary: 'Withdraw from my settled balance (paid out by the payout provider; a repeat with the same Idempotency-Key returns the first)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
        body: WithdrawBody,
        response: { 200: WithdrawalSchema, 201: WithdrawalSchema },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') throw new AppError('validation_failed', 'The Idempotency-Key header is required', 'headers.idempotency-key');
      const { withdrawal, replayed } = await earnings.withdraw(requirePrincipal(req).userId, key, req.body.amountFen);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(withdrawal);
    },
  );
  app.get(
    '/api/v1/me/alliance/withdrawals',
    { config: creator, schema: { tags, summary: 'My withdrawals, newest first', querystring: Strict(PageQuery), response: { 200: WithdrawalPage } } },
    async (req) => earnings.withdrawals(requirePrincipal(req).userId, req.query),
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/alliance/creators',
    { config: { access: ['merchant'] as const }, schema: { tags, summary: 'Sales by creator: orders, sales after refunds and commission, biggest first', params: Strict({ storeId: Id() }), querystring: Strict(PageQuery), response: { 200: CreatorSalesPage } } },
    async (req) => earnings.creatorSales(requirePrincipal(req).userId, req.params.storeId, req.query),
  );
  app.post(
    '/api/v1/ops/alliance/settlements',
    { config: { access: ['operator'] as const }, schema: { tags, summary: 'Settle every commission whose return window has closed with no open case', response: { 200: Type.Object({ orders: Type.Integer(), settled: Type.Integer() }) } } },
    async () => settlement.settleDue(),
  );
  app.post(
    '/api/v1/ops/alliance/commissions/:commissionId/settle',
    { config: { access: ['operator'] as const }, schema: { tags, summary: 'Settle one commission now (409 when it is settled already, not due, not pending or disputed)', params: CommissionParams, response: { 200: CommissionSchema } } },
    async (req) => toCommission(await settlement.settle(req.params.commissionId)),
  );
}
