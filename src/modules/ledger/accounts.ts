// The chart of accounts: which account codes exist and what kind each is. Codes are
// colon-separated paths, lower case (`merchant:sto_0000000001demo000000:payable`); an account
// is created on first use with the kind its pattern gives. Sign convention in every table and
// API of the ledger: positive = debit, negative = credit; a balance is debits − credits.

export const ACCOUNT_KINDS = ['asset', 'liability', 'revenue', 'expense', 'equity'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Assets and expenses normally carry debit balances; the rest credit balances. */
export const normalSide = (kind: AccountKind): 'debit' | 'credit' => (kind === 'asset' || kind === 'expense' ? 'debit' : 'credit');

export const ACCOUNT_CODE = /^[a-z][a-z_]*(:[a-z0-9_]+)*$/;
export const MAX_CODE_LENGTH = 200;
const ID = '[a-z0-9_]+';

interface ChartRow {
  pattern: RegExp;
  kind: AccountKind;
  meaning: string;
}

export const CHART: readonly ChartRow[] = [
  { pattern: new RegExp(`^psp:${ID}:clearing$`), kind: 'asset', meaning: 'money held for us at a payment provider (sandbox, alipay, wechat…)' },
  { pattern: new RegExp(`^bank:${ID}:settlement$`), kind: 'asset', meaning: "the platform's bank account that payouts leave from" },
  { pattern: new RegExp(`^merchant:${ID}:payable$`), kind: 'liability', meaning: 'what the platform owes a store (goods sold, less fees, less refunds, less payouts)' },
  { pattern: new RegExp(`^creator:${ID}:payable$`), kind: 'liability', meaning: 'commissions settled to a creator: their balance to withdraw' },
  { pattern: new RegExp(`^creator:${ID}:pending$`), kind: 'liability', meaning: 'commissions accrued on paid orders, waiting for the return window to close' },
  { pattern: new RegExp(`^payout:${ID}:in_transit$`), kind: 'liability', meaning: 'withdrawals sent to a payout provider and not yet confirmed paid or failed' },
  { pattern: new RegExp(`^buyer:${ID}:refundable$`), kind: 'liability', meaning: 'refunds owed to a shopper, not yet returned to the payment provider' },
  { pattern: new RegExp(`^buyer:${ID}:balance$`), kind: 'liability', meaning: 'money held for a shopper that is no refund of a payment (compensation, return postage paid by a store)' },
  { pattern: /^platform:fee_revenue$/, kind: 'revenue', meaning: "the platform's commission on sales (rate per category)" },
  { pattern: /^platform:alliance_fee_revenue$/, kind: 'revenue', meaning: "the platform's service fee on settled creator commissions" },
  { pattern: /^platform:coupon_expense$/, kind: 'expense', meaning: 'platform-funded coupon discounts' },
  { pattern: /^platform:compensation_expense$/, kind: 'expense', meaning: 'compensation paid to shoppers by the platform (late delivery, after-sales)' },
  { pattern: /^platform:commission_expense$/, kind: 'expense', meaning: 'creator commissions the platform funds' },
  { pattern: /^platform:equity$/, kind: 'equity', meaning: "owners' capital and opening balances" },
];

/** The kind a code's pattern gives, or null when the chart does not know the code. */
export function kindOf(code: string): AccountKind | null {
  for (const row of CHART) if (row.pattern.test(code)) return row.kind;
  return null;
}

export const isAccountCode = (code: string): boolean => code.length <= MAX_CODE_LENGTH && ACCOUNT_CODE.test(code);

/** Account codes for the ledger's usual parties. */
export const accounts = {
  pspClearing: (provider: string) => `psp:${provider}:clearing`,
  merchantPayable: (storeId: string) => `merchant:${storeId}:payable`,
  creatorPayable: (userId: string) => `creator:${userId}:payable`,
  creatorPending: (userId: string) => `creator:${userId}:pending`,
  payoutInTransit: (provider: string) => `payout:${provider}:in_transit`,
  bankSettlement: (bank: string) => `bank:${bank}:settlement`,
  allianceFeeRevenue: 'platform:alliance_fee_revenue',
  buyerRefundable: (userId: string) => `buyer:${userId}:refundable`,
  buyerBalance: (userId: string) => `buyer:${userId}:balance`,
  feeRevenue: 'platform:fee_revenue',
  couponExpense: 'platform:coupon_expense',
  compensationExpense: 'platform:compensation_expense',
} as const;

/**
 * Platform fee rates per category, in basis points (1/100 of a percent), with a default; the
 * fee on an amount is rounded down to whole fen (the store keeps the fraction).
 */
export class FeeSchedule {
  constructor(
    readonly defaultBps: number,
    private readonly byCategory: Readonly<Record<string, number>> = {},
  ) {
    for (const bps of [defaultBps, ...Object.values(byCategory)]) {
      if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new Error(`fee rate ${bps} bps is not an integer in 0..10000`);
    }
  }

  /** A category's rate; a child category without its own rate takes its parent's. */
  rateBps(categoryId: string, parentId?: string | null): number {
    return this.byCategory[categoryId] ?? (parentId ? this.byCategory[parentId] : undefined) ?? this.defaultBps;
  }

  feeFen(amountFen: number, rateBps: number): number {
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new Error(`fee base ${amountFen} is not a whole, non-negative amount of fen`);
    return Number((BigInt(amountFen) * BigInt(rateBps)) / 10_000n); // exact, no float rounding
  }
}
