import { describe, expect, it } from 'vitest';
import { next, TICKET_STATUSES, type TicketAction } from './state.ts';

describe('ticket state machine', () => {
  it('allows exactly the guarded transitions', () => {
    const allowed: string[] = [];
    for (const from of TICKET_STATUSES) {
      for (const action of ['assign', 'escalate', 'resolve', 'reopen', 'close'] as TicketAction[]) {
        const to = next(from, action);
        if (to) allowed.push(`${from}-${action}->${to}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'open-assign->assigned', 'assigned-assign->assigned',
        'open-escalate->open', 'assigned-escalate->open',
        'assigned-resolve->resolved', 'resolved-reopen->assigned',
        'open-close->closed', 'assigned-close->closed', 'resolved-close->closed',
      ].sort(),
    );
  });

  it('never leaves closed', () => {
    for (const action of ['assign', 'escalate', 'resolve', 'reopen', 'close'] as TicketAction[]) expect(next('closed', action)).toBeNull();
  });
});
