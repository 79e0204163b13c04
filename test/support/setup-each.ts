// Runs in every test file: after each test, every platform the file started must still keep
// the money and stock invariants (test/support/invariants.ts).
import { afterEach, expect } from 'vitest';
import { checkInvariants } from './invariants.ts';
import { livePlatforms } from './platform.ts';

afterEach(async () => {
  for (const platform of livePlatforms) {
    // A background handler may be committing right now; give it a moment to land before failing.
    let violations = await checkInvariants(platform);
    for (let i = 0; i < 20 && violations.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      violations = await checkInvariants(platform);
    }
    expect(violations, 'money and stock invariants').toEqual([]);
  }
});
