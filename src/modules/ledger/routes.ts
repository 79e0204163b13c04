import { Type } from '@sinclair/typebox';
import { invalid } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { StoreService } from '../catalog/stores.ts';
import { ACCOUNT_KINDS, accounts } from './accounts.ts';
import type { LedgerService } from './service.ts';

const Fen = (description: string) => Type.Integer({ description });
const AccountKindSchema = Type.Union(ACCOUNT_KINDS.map((k) => Type.Literal(k)));

const BalanceSchema = Type.Object({
  account: Type.String(),
  kind: Type.Union([AccountKindSchema, Type.Null()]),
  currency: Type.String(),
  debitsFen: Fen('Sum of debit lines'),
  creditsFen: Fen('Sum of credit lines (positive)'),
  balanceFen: Fen('Debits − credits: positive is a debit balance'),
});

const StatementLineSchema = Type.Object({
  entryId: Type.String(),
  kind: Type.String({ description: 'What happened, e.g. payment.captured' }),
  refType: Type.String(),
  refId: Type.String(),
  memo: Type.String(),
  amountFen: Fen("Change to what the platform owes the store: positive credits the store, negative debits it"),
  payableAfterFen: Fen('What the platform owes the store right after this line'),
  at: Type.String({ format: 'date-time' }),
});

export const StatementSchema = Type.Object({
  storeId: Type.String(),
  account: Type.String(),
  currency: Type.String(),
  payableFen: Fen('What the platform owes the store now (credit balance of its payable account)'),
  openingFen: Fen('What the platform owed the store just before the range (0 without `from`)'),
  closingFen: Fen('What the platform owed the store at the end of the range (payableFen without `to`)'),
  items: Type.Array(StatementLineSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

const TrialBalanceSchema = Type.Object({
  balanced: Type.Boolean({ description: 'True when every currency nets to zero' }),
  currencies: Type.Array(Type.Object({ currency: Type.String(), debitsFen: Type.Integer(), creditsFen: Type.Integer(), netFen: Type.Integer() })),
});

const ops = { access: ['operator'] as const };

export function ledgerRoutes(app: App, ledger: LedgerService, stores: StoreService): void {
  app.get(
    '/api/v1/merchant/stores/:storeId/statement',
    {
      config: { access: ['merchant'] },
      schema: {
        tags: ['merchant'],
        summary: "My store's payable balance and its ledger lines, newest first",
        params: Strict({ storeId: Id() }),
        querystring: Strict({
          ...PageQuery,
          from: Type.Optional(Type.String({ format: 'date-time', description: 'Only lines posted at or after this time' })),
          to: Type.Optional(Type.String({ format: 'date-time', description: 'Only lines posted before this time' })),
        }),
        response: { 200: StatementSchema },
      },
    },
    async (req) => {
      const { storeId } = req.params;
      const { from, to } = req.query;
      if (from && to && Date.parse(from) >= Date.parse(to)) throw invalid('querystring.to', 'must be later than from');
      await stores.assertStaff(storeId, requirePrincipal(req).userId);
      const s = await ledger.statement(accounts.merchantPayable(storeId), req.query);
      // A payable is a liability: the ledger keeps it as a credit balance (negative); the store
      // sees what it is owed as a positive number.
      return {
        storeId,
        account: s.account,
        currency: s.currency,
        payableFen: -s.balanceFen,
        openingFen: -s.openingFen,
        closingFen: -s.closingFen,
        items: s.items.map((l) => ({ entryId: l.entryId, kind: l.kind, refType: l.refType, refId: l.refId, memo: l.memo, amountFen: -l.amountFen, payableAfterFen: -l.balanceAfterFen, at: l.at })),
        total: s.total,
        limit: req.query.limit,
        offset: req.query.offset,
      };
    },
  );

  // The shopper's balance (账户余额): compensation and return postage paid to them, which is no
  // refund of a payment. A liability, so the ledger keeps it as a credit; the shopper sees it positive.
  app.get(
    '/api/v1/me/balance',
    {
      config: { access: 'user' },
      schema: {
        tags: ['me'],
        summary: 'My balance (账户余额: compensation, return postage) and its lines, newest first',
        querystring: Strict(PageQuery),
        response: {
          200: Type.Object({
            balanceFen: Fen('What the platform holds for me now'),
            items: Type.Array(Type.Object({ entryId: Type.String(), kind: Type.String(), refType: Type.String(), refId: Type.String(), memo: Type.String(), amountFen: Fen('Positive: money in'), balanceAfterFen: Fen('My balance right after this line'), at: Type.String({ format: 'date-time' }) })),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const s = await ledger.statement(accounts.buyerBalance(requirePrincipal(req).userId), req.query);
      return {
        balanceFen: -s.balanceFen,
        items: s.items.map((l) => ({ entryId: l.entryId, kind: l.kind, refType: l.refType, refId: l.refId, memo: l.memo, amountFen: -l.amountFen, balanceAfterFen: -l.balanceAfterFen, at: l.at })),
        total: s.total,
        limit: req.query.limit,
        offset: req.query.offset,
      };
    },
  );

  app.get(
    '/api/v1/ops/ledger/trial-balance',
    { config: ops, schema: { tags: ['ops'], summary: 'Debits and credits per currency: the ledger nets to zero', response: { 200: TrialBalanceSchema } } },
    async () => {
      const currencies = await ledger.trialBalance();
      return { balanced: currencies.every((c) => c.netFen === 0), currencies };
    },
  );

  app.get(
    '/api/v1/ops/ledger/accounts',
    {
      config: ops,
      schema: {
        tags: ['ops'],
        summary: 'Ledger accounts with their balances, by code prefix (e.g. merchant:)',
        querystring: Strict({ prefix: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z0-9_:]*$' })), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(BalanceSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }) },
      },
    },
    async (req) => {
      const { prefix = '', limit, offset } = req.query;
      return { ...(await ledger.balances(prefix, { limit, offset })), limit, offset };
    },
  );
}
