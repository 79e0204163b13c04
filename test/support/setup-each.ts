// Runs in every test file: after each test, every platform the file started must still keep
// the money and stock invariants (test/support/invariants.ts).
import { afterEach, expect } from 'vitest';
import type { Platform } from '../../src/main.ts';
import { checkInvariants } from './invariants.ts';
import { livePlatforms } from './platform.ts';

/**
 * Per platform, the next xid when its invariants last held. PostgreSQL gives every transaction
 * that writes a new xid, so while it has not moved no row has changed and the invariants still
 * hold: a file of many read-only or rejected requests (bad input) is not re-audited after each.
 */
const heldAt = new WeakMap<Platform, string>();
const nextXid = async (platform: Platform) => (await platform.db.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax'))[0]!.xmax;

afterEach(async () => {
  for (const platform of livePlatforms) {
    await platform.bus.drain();
    // Read before checking: a write racing the check only means the next test checks again.
    const xmax = await nextXid(platform);
    if (heldAt.get(platform) === xmax) continue;
    // A background handler may be committing right now; give it a moment to land before failing.
    let violations = await checkInvariants(platform);
    for (let i = 0; i < 20 && violations.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      violations = await checkInvariants(platform);
    }
    expect(violations, 'money and stock invariants').toEqual([]);
    heldAt.set(platform, xmax);
  }
});
