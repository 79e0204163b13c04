import type { Static } from '@sinclair/typebox';
import { createHash, randomBytes } from 'node:crypto';
import { isUniqueViolation, type Db, type Queryable, type Tx } from '../../platform/db/index.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { ROLES, type Principal, type Role } from '../../platform/http/access.ts';
import { newId } from '../../platform/ids.ts';
import { BatchLoader } from '../../platform/batch-loader.ts';
import { localLimits, type Limit, type LimitFactory } from '../../platform/ratelimit-shared.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { PRINCIPAL_CHANGED, PrincipalCache, type PrincipalChanged } from './principals.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import type { UserSchema } from './schemas.ts';

export type User = Static<typeof UserSchema>;

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  status: 'active' | 'disabled';
  created_at: Date;
  password_hash: string;
}

const knownRoles = (xs: string[]): Role[] => xs.filter((x): x is Role => (ROLES as readonly string[]).includes(x));

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  roles: knownRoles(r.roles),
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
});

interface SessionOf {
  principal: Principal;
  expiresAt: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface IdentityOptions {
  sessionTtlHours: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  /** Where the sign-in failure windows live: this process (default), or Redis for all api processes. */
  limits?: LimitFactory;
  /** How long a session's principal is remembered between requests (0: looked up every time). */
  principalTtlMs?: number;
  /** Tells the other api processes of sign-outs and role changes (their remembered principals). */
  bus?: EventBus;
}

export class IdentityService {
  /** Failed sign-ins per account, and (five times as many) per client address. */
  private readonly accountFailures: Limit;
  private readonly addressFailures: Limit;
  private readonly principals: PrincipalCache;
  private readonly sessions = new BatchLoader<string, SessionOf>((hashes) => this.sessionsOf(hashes));

  constructor(
    private readonly db: Db,
    private readonly opts: IdentityOptions,
  ) {
    const limits = opts.limits ?? localLimits;
    this.accountFailures = limits('login.account', opts.loginMaxAttempts, opts.loginWindowSeconds * 1000);
    this.addressFailures = limits('login.address', opts.loginMaxAttempts * 5, opts.loginWindowSeconds * 1000);
    this.principals = new PrincipalCache(opts.principalTtlMs ?? 10_000);
    opts.bus?.subscribeEach<PrincipalChanged>('identity.principals', PRINCIPAL_CHANGED, async (ev) => this.principals.forget(ev.payload));
  }

  async register(input: { email: string; password: string; displayName: string; roles: Role[] }): Promise<User> {
    const hash = await hashPassword(input.password);
    const taken = () => conflict('This email is already registered', 'email');
    return this.db.tx(async (tx) => {
      const existing = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [input.email]);
      if (existing.length) throw taken();
      const roles = [...new Set<Role>(['shopper', ...input.roles])];
      const rows = await tx.query<UserRow>(
        `INSERT INTO users (id, email, password_hash, display_name, roles) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [newId('usr'), input.email, hash, input.displayName, roles],
      );
      return toUser(rows[0]!);
    }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? taken() : err;
    });
  }

  /** Checks the password; after too many failures per account or per client address, waits. */
  async login(email: string, password: string, clientAddress: string): Promise<User> {
    const account = email.toLowerCase();
    const wait = Math.max(await this.accountFailures.peek(account), await this.addressFailures.peek(clientAddress));
    if (wait > 0) throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${wait} s`, undefined, undefined, { 'retry-after': String(wait) });
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || row.status !== 'active') {
      await Promise.all([this.accountFailures.hit(account), this.addressFailures.hit(clientAddress)]);
      throw new AppError('invalid_credentials', 'Email or password is wrong');
    }
    await this.accountFailures.reset(account);
    return toUser(row);
  }

  async createSession(userId: string, kind: 'cookie' | 'bearer', userAgent: string | undefined): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.opts.sessionTtlHours * 3600_000);
    await this.db.query(`INSERT INTO sessions (id, token_hash, user_id, kind, expires_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`, [
      newId('ses'),
      sha256(token),
      userId,
      kind,
      expiresAt,
      userAgent?.slice(0, 300) ?? null,
    ]);
    return { token, expiresAt };
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (token.length < 20 || token.length > 100) return null;
    const hash = sha256(token);
    const known = this.principals.get(hash);
    if (known) return known;
    const mark = this.principals.mark();
    const found = await this.sessions.load(hash);
    if (!found) return null;
    this.principals.set(hash, found.principal, found.expiresAt, mark);
    return found.principal;
  }

  /** The sessions behind the tokens that missed the cache in one event-loop turn, in one statement. */
  private async sessionsOf(hashes: string[]): Promise<Map<string, SessionOf>> {
    const rows = await this.db.query<{ token_hash: string; session_id: string; user_id: string; roles: string[]; display_name: string; expires_at: Date }>(
      `SELECT s.token_hash, s.id AS session_id, u.id AS user_id, u.roles, u.display_name, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [hashes],
    );
    return new Map(rows.map((r) => [r.token_hash, {
      principal: { userId: r.user_id, sessionId: r.session_id, displayName: r.display_name, roles: knownRoles(r.roles) },
      expiresAt: new Date(r.expires_at).getTime(),
    }]));
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.changed({ sessionId }, (tx) => tx.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]));
  }

  /** A change to who someone is: written, then forgotten here at once and in the other processes by event. */
  private async changed<T>(change: PrincipalChanged, write: (tx: Tx) => Promise<T>): Promise<T> {
    const out = await this.db.tx(async (tx) => {
      const r = await write(tx);
      if (this.opts.bus) await this.opts.bus.publish(tx, PRINCIPAL_CHANGED, change);
      return r;
    });
    this.principals.forget(change);
    return out;
  }

  async get(id: string, q: Queryable = this.db): Promise<User> {
    const [row] = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    if (!row) throw notFound('User');
    return toUser(row);
  }

  async findByEmail(email: string, q: Queryable = this.db): Promise<User | null> {
    const [row] = await q.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return row ? toUser(row) : null;
  }

  /** Public profile facts other modules may show (no email). */
  async publicProfiles(ids: string[], q: Queryable = this.db): Promise<Map<string, { id: string; displayName: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await q.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name }]));
  }

  async list(filter: { q?: string; role?: Role; limit: number; offset: number }): Promise<{ items: User[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%' OR display_name ILIKE '%' || $1 || '%') AND ($2::text IS NULL OR $2 = ANY(roles))`;
    const params = [filter.q ?? null, filter.role ?? null];
    const rows = await this.db.query<UserRow>(`SELECT * FROM users ${where} ORDER BY created_at LIMIT $3 OFFSET $4`, [...params, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users ${where}`, params);
    return { items: rows.map(toUser), total };
  }

  async setRoles(userId: string, roles: Role[]): Promise<User> {
    const all = [...new Set<Role>(['shopper', ...roles])];
    const row = await this.changed({ userId }, async (tx) => {
      const [r] = await tx.query<UserRow>('UPDATE users SET roles = $2, updated_at = now() WHERE id = $1 RETURNING *', [userId, all]);
      if (!r) throw notFound('User', 'userId');
      return r;
    });
    return toUser(row);
  }

  /** Bulk creation of accounts (demo world, benchmarks); hashes in parallel on the libuv pool. */
  async importUsers(q: Queryable, users: Array<{ id: string; email: string; password: string; displayName: string; roles: Role[] }>): Promise<void> {
    const hashes = await Promise.all(users.map((u) => hashPassword(u.password)));
    await q.query(`INSERT INTO users (id, email, password_hash, display_name, roles) SELECT id, email, h, name, string_to_array(roles, ',') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, email, h, name, roles)`, [
      users.map((u) => u.id),
      users.map((u) => u.email),
      hashes,
      users.map((u) => u.displayName),
      users.map((u) => [...new Set(['shopper', ...u.roles])].join(',')),
    ]);
  }
}
