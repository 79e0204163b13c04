// The double-entry money ledger. Other modules post entries inside their own transactions
// (payment captured, refund, payout…); each entry's lines sum to zero per currency, which the
// service checks before writing and the database checks again at commit. Amounts are integer
// fen; positive = debit, negative = credit; a balance is debits − credits.
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import { ACCOUNT_KINDS, isAccountCode, kindOf, type AccountKind } from './accounts.ts';

/** A misuse of the ledger by calling code (unbalanced entry, unknown account…): a bug, not bad input. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

export const MAX_LINE_FEN = 10_000_000_000_000; // 1e13 fen = 1,000 亿元
const NAME = /^[a-z][a-z0-9_.]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;

export interface LineInput {
  account: string;
  amountFen: number;
  /** Needed only for codes the chart of accounts doesn't know. */
  accountKind?: AccountKind;
}

export interface EntryInput {
  /** What happened, e.g. `payment.captured`; with the ref it makes the posting idempotent. */
  kind: string;
  refType: string;
  refId: string;
  memo?: string;
  currency?: string;
  lines: LineInput[];
}

export interface PostResult {
  entryId: string;
  /** True when this (kind, ref) was posted before: nothing new was written. */
  duplicate: boolean;
}

export interface Balance {
  account: string;
  /** null for an account never posted to whose code the chart doesn't know. */
  kind: AccountKind | null;
  currency: string;
  debitsFen: number;
  creditsFen: number;
  /** debits − credits */
  balanceFen: number;
}

export interface StatementLine {
  entryId: string;
  lineNo: number;
  kind: string;
  refType: string;
  refId: string;
  memo: string;
  amountFen: number;
  /** The account's balance (debits − credits) right after this line. */
  balanceAfterFen: number;
  at: string;
}

export interface Statement extends Balance {
  items: StatementLine[];
  total: number;
  /** The balance just before the range's first moment (0 without `from`). */
  openingFen: number;
  /** The balance at the range's end (the current balance without `to`). */
  closingFen: number;
}

/** A statement's time range by entry time: `from` inclusive, `to` exclusive; either may be open. */
export interface StatementRange {
  from?: string;
  to?: string;
}

export interface TrialBalanceRow {
  currency: string;
  debitsFen: number;
  creditsFen: number;
  /** Always 0 in a sound ledger. */
  netFen: number;
}

export interface Entry {
  id: string;
  kind: string;
  refType: string;
  refId: string;
  memo: string;
  createdAt: string;
  lines: Array<{ lineNo: number; account: string; amountFen: number; currency: string }>;
}

export interface PageOpts {
  limit: number;
  offset: number;
}

interface BalanceRow {
  code: string;
  kind: AccountKind;
  currency: string;
  debits: number | string;
  credits: number | string;
}

const toBalance = (r: BalanceRow): Balance => {
  const debitsFen = Number(r.debits);
  const creditsFen = Number(r.credits);
  return { account: r.code, kind: r.kind, currency: r.currency, debitsFen, creditsFen, balanceFen: debitsFen - creditsFen };
};

const SUMS = `coalesce(sum(l.amount_fen) FILTER (WHERE l.amount_fen > 0), 0)::bigint AS debits,
  coalesce(-sum(l.amount_fen) FILTER (WHERE l.amount_fen < 0), 0)::bigint AS credits`;

/** Checks an entry in code and returns its lines with each account's kind. */
function validate(entry: EntryInput): { currency: string; memo: string; lines: Array<{ account: string; amountFen: number; kind: AccountKind }> } {
  const fail = (msg: string): never => {
    throw new LedgerError(`ledger entry ${entry.kind}/${entry.refType}/${entry.refId}: ${msg}`);
  };
  if (!NAME.test(entry.kind)) fail('kind must be a lower-case name like payment.captured');
  if (!NAME.test(entry.refType)) fail('refType must be a lower-case name like order');
  if (entry.refId.length < 1 || entry.refId.length > 200) fail('refId must be 1..200 characters');
  const currency = entry.currency ?? 'CNY';
  if (!CURRENCY.test(currency)) fail(`currency ${currency} is not an ISO 4217 code`);
  if (entry.lines.length < 2) fail('needs at least two lines');
  let sum = 0;
  const kinds = new Map<string, AccountKind>();
  const lines = entry.lines.map((l, i) => {
    if (!isAccountCode(l.account)) fail(`line ${i}: account code ${JSON.stringify(l.account)} is malformed`);
    if (!Number.isSafeInteger(l.amountFen)) fail(`line ${i}: amount ${l.amountFen} is not a whole number of fen`);
    if (l.amountFen === 0) fail(`line ${i}: amount is zero`);
    if (Math.abs(l.amountFen) > MAX_LINE_FEN) fail(`line ${i}: amount ${l.amountFen} is beyond ±${MAX_LINE_FEN}`);
    if (l.accountKind !== undefined && !ACCOUNT_KINDS.includes(l.accountKind)) fail(`line ${i}: account kind ${String(l.accountKind)} is unknown`);
    const charted = kindOf(l.account);
    if (charted && l.accountKind && charted !== l.accountKind) fail(`line ${i}: ${l.account} is a ${charted} account, not ${l.accountKind}`);
    const kind = charted ?? l.accountKind ?? fail(`line ${i}: ${l.account} is not in the chart of accounts; give its accountKind`);
    const seen = kinds.get(l.account);
    if (seen && seen !== kind) fail(`line ${i}: ${l.account} given as both ${seen} and ${kind}`);
    kinds.set(l.account, kind);
    sum += l.amountFen;
    return { account: l.account, amountFen: l.amountFen, kind };
  });
  if (sum !== 0) fail(`lines sum to ${sum} fen, not zero`);
  return { currency, memo: entry.memo ?? '', lines };
}

const fingerprint = (lines: ReadonlyArray<{ account: string; amountFen: number; currency: string }>) =>
  lines
    .map((l) => `${l.account} ${l.amountFen} ${l.currency}`)
    .sort()
    .join('\n');

export class LedgerService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  /**
   * Posts one balanced entry in the caller's transaction. Idempotent by (kind, refType, refId):
   * a repeat with the same lines returns the first entry with duplicate=true and writes nothing;
   * a repeat with different lines throws (two different facts under one reference is a bug).
   */
  async post(tx: Tx, entry: EntryInput): Promise<PostResult> {
    const { currency, memo, lines } = validate(entry);
    const id = newId('led');
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO ledger_entries (id, kind, ref_type, ref_id, memo) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, ref_type, ref_id) DO NOTHING RETURNING id`,
      [id, entry.kind, entry.refType, entry.refId, memo],
    );
    if (inserted.length === 0) {
      const [prev] = await tx.query<{ id: string }>('SELECT id FROM ledger_entries WHERE kind = $1 AND ref_type = $2 AND ref_id = $3', [entry.kind, entry.refType, entry.refId]);
      if (!prev) throw new LedgerError(`ledger entry ${entry.kind}/${entry.refType}/${entry.refId} vanished during posting`);
      const had = await tx.query<{ account: string; amountFen: number | string; currency: string }>(
        'SELECT account_code AS account, amount_fen AS "amountFen", currency FROM ledger_lines WHERE entry_id = $1',
        [prev.id],
      );
      const before = fingerprint(had.map((l) => ({ ...l, amountFen: Number(l.amountFen) })));
      if (before !== fingerprint(lines.map((l) => ({ ...l, currency })))) {
        throw new LedgerError(`ledger entry ${entry.kind}/${entry.refType}/${entry.refId} was already posted (${prev.id}) with different lines`);
      }
      return { entryId: prev.id, duplicate: true };
    }

    // Accounts on first use, in code order so that concurrent posters never wait on each other in a cycle.
    const kinds = new Map(lines.map((l) => [l.account, l.kind]));
    const codes = [...kinds.keys()].sort();
    await tx.query(
      `INSERT INTO ledger_accounts (code, kind, currency) SELECT c, k, $3 FROM unnest($1::text[], $2::text[]) AS t(c, k)
         ON CONFLICT (code) DO NOTHING`,
      [codes, codes.map((c) => kinds.get(c)!), currency],
    );
    const existing = await tx.query<{ code: string; kind: AccountKind; currency: string }>('SELECT code, kind, currency FROM ledger_accounts WHERE code = ANY($1::text[])', [codes]);
    for (const a of existing) {
      if (a.kind !== kinds.get(a.code)) throw new LedgerError(`ledger account ${a.code} is a ${a.kind} account, not ${kinds.get(a.code)}`);
      if (a.currency !== currency) throw new LedgerError(`ledger account ${a.code} is kept in ${a.currency}, not ${currency}`);
    }

    await tx.query(
      `INSERT INTO ledger_lines (entry_id, line_no, account_code, amount_fen, currency)
         SELECT $1, n, a, amt, $4 FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS t(a, amt, n)`,
      [id, lines.map((l) => l.account), lines.map((l) => l.amountFen), currency],
    );
    await this.bus.publish(tx, 'ledger.entry.posted', { entryId: id, kind: entry.kind, refType: entry.refType, refId: entry.refId, currency });
    return { entryId: id, duplicate: false };
  }

  /** One account's totals; an account never posted to has zero balance. */
  async balance(account: string, q: Queryable = this.db): Promise<Balance> {
    const [row] = await q.query<BalanceRow>(
      `SELECT a.code, a.kind, a.currency, ${SUMS} FROM ledger_accounts a LEFT JOIN ledger_lines l ON l.account_code = a.code WHERE a.code = $1 GROUP BY a.code`,
      [account],
    );
    return row ? toBalance(row) : { account, kind: kindOf(account), currency: 'CNY', debitsFen: 0, creditsFen: 0, balanceFen: 0 };
  }

  /** Every account whose code starts with `prefix` (e.g. `merchant:`), by code. */
  async balances(prefix: string, page: PageOpts = { limit: 100, offset: 0 }, q: Queryable = this.db): Promise<{ items: Balance[]; total: number }> {
    const rows = await q.query<BalanceRow>(
      `SELECT a.code, a.kind, a.currency, ${SUMS} FROM ledger_accounts a LEFT JOIN ledger_lines l ON l.account_code = a.code
         WHERE starts_with(a.code, $1) GROUP BY a.code ORDER BY a.code LIMIT $2 OFFSET $3`,
      [prefix, page.limit, page.offset],
    );
    const [count] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_accounts WHERE starts_with(code, $1)', [prefix]);
    return { items: rows.map(toBalance), total: count?.n ?? 0 };
  }

  /** An account's lines, newest first, each with the balance right after it; optionally only those in a time range. */
  async statement(account: string, page: PageOpts & StatementRange, q: Queryable = this.db): Promise<Statement> {
    const from = page.from ?? null;
    const to = page.to ?? null;
    // The running balance is taken over every line of the account, before the range filter, so
    // each line's balance-after is the true one whatever range is shown.
    const rows = await q.query<{ entry_id: string; line_no: number; kind: string; ref_type: string; ref_id: string; memo: string; amount_fen: number | string; balance_after: number | string; created_at: Date }>(
      `SELECT * FROM (
         SELECT l.seq, l.entry_id, l.line_no, l.amount_fen, e.kind, e.ref_type, e.ref_id, e.memo, e.created_at,
                sum(l.amount_fen) OVER (ORDER BY l.seq)::bigint AS balance_after
           FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id WHERE l.account_code = $1) s
        WHERE ($4::timestamptz IS NULL OR created_at >= $4::timestamptz) AND ($5::timestamptz IS NULL OR created_at < $5::timestamptz)
        ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [account, page.limit, page.offset, from, to],
    );
    const [agg] = await q.query<{ n: number; opening: number | string; closing: number | string }>(
      `SELECT count(*) FILTER (WHERE ($2::timestamptz IS NULL OR e.created_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR e.created_at < $3::timestamptz))::int AS n,
              coalesce(sum(l.amount_fen) FILTER (WHERE $2::timestamptz IS NOT NULL AND e.created_at < $2::timestamptz), 0)::bigint AS opening,
              coalesce(sum(l.amount_fen) FILTER (WHERE $3::timestamptz IS NULL OR e.created_at < $3::timestamptz), 0)::bigint AS closing
         FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id WHERE l.account_code = $1`,
      [account, from, to],
    );
    const items = rows.map((r) => ({
      entryId: r.entry_id,
      lineNo: r.line_no,
      kind: r.kind,
      refType: r.ref_type,
      refId: r.ref_id,
      memo: r.memo,
      amountFen: Number(r.amount_fen),
      balanceAfterFen: Number(r.balance_after),
      at: new Date(r.created_at).toISOString(),
    }));
    return { ...(await this.balance(account, q)), items, total: agg?.n ?? 0, openingFen: Number(agg?.opening ?? 0), closingFen: Number(agg?.closing ?? 0) };
  }

  /** Total debits and credits per currency; net is zero in a sound ledger. */
  async trialBalance(q: Queryable = this.db): Promise<TrialBalanceRow[]> {
    const rows = await q.query<{ currency: string; debits: number | string; credits: number | string; net: number | string }>(
      `SELECT l.currency, ${SUMS}, sum(l.amount_fen)::bigint AS net FROM ledger_lines l GROUP BY l.currency ORDER BY l.currency`,
    );
    return rows.map((r) => ({ currency: r.currency, debitsFen: Number(r.debits), creditsFen: Number(r.credits), netFen: Number(r.net) }));
  }

  /** Every entry posted for one business object (an order, a refund…), oldest first. */
  async entriesFor(refType: string, refId: string, q: Queryable = this.db): Promise<Entry[]> {
    const rows = await q.query<{ id: string; kind: string; ref_type: string; ref_id: string; memo: string; created_at: Date; line_no: number; account_code: string; amount_fen: number | string; currency: string }>(
      `SELECT e.id, e.kind, e.ref_type, e.ref_id, e.memo, e.created_at, l.line_no, l.account_code, l.amount_fen, l.currency
         FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id
        WHERE e.ref_type = $1 AND e.ref_id = $2 ORDER BY e.created_at, e.id, l.line_no`,
      [refType, refId],
    );
    const byId = new Map<string, Entry>();
    for (const r of rows) {
      let e = byId.get(r.id);
      if (!e) {
        e = { id: r.id, kind: r.kind, refType: r.ref_type, refId: r.ref_id, memo: r.memo, createdAt: new Date(r.created_at).toISOString(), lines: [] };
        byId.set(r.id, e);
      }
      e.lines.push({ lineNo: r.line_no, account: r.account_code, amountFen: Number(r.amount_fen), currency: r.currency });
    }
    return [...byId.values()];
  }
}
