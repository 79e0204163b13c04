import { describe, expect, it } from 'vitest';
import { pickAgent, queueFor, type Candidate } from './routing.ts';

const agent = (userId: string, o: Partial<Candidate> = {}): Candidate => ({ userId, storeId: 'sto_a', tier: 1, skills: ['logistics', 'refund'], open: 0, maxOpen: 5, lastAssignedAt: null, ...o });
const ticket = { queue: 'store' as const, storeId: 'sto_a', category: 'logistics' as const, urgency: 'normal' as const };

describe('routing', () => {
  it('sends a store’s tickets to the store, disputes and storeless tickets to the platform', () => {
    expect(queueFor({ storeId: 'sto_a', category: 'logistics' }, true)).toBe('store');
    expect(queueFor({ storeId: 'sto_a', category: 'fraud' }, true)).toBe('platform');
    expect(queueFor({ storeId: 'sto_a', category: 'quality' }, false)).toBe('platform');
    expect(queueFor({ storeId: null, category: 'other' }, true)).toBe('platform');
  });

  it('assigns the least-loaded skilled agent of the queue, ties to the longest idle', () => {
    const agents = [agent('u1', { open: 3 }), agent('u2', { open: 1, lastAssignedAt: new Date(2000) }), agent('u3', { open: 1, lastAssignedAt: new Date(1000) }), agent('u4', { open: 0, storeId: 'sto_b' }), agent('u5', { open: 0, storeId: null })];
    expect(pickAgent(agents, ticket)?.userId).toBe('u3');
  });

  it('prefers skill, but takes an unskilled agent rather than leave the ticket waiting', () => {
    const agents = [agent('u1', { open: 2 }), agent('u2', { open: 0, skills: ['quality'] })];
    expect(pickAgent(agents, ticket)?.userId).toBe('u1');
    expect(pickAgent([agent('u2', { open: 4, skills: ['quality'] })], ticket)?.userId).toBe('u2');
  });

  it('never passes an agent’s maximum; nobody with room means the ticket waits', () => {
    expect(pickAgent([agent('u1', { open: 5 })], ticket)).toBeNull();
  });

  it('gives urgent tickets to tier 2+ when one has room', () => {
    const agents = [agent('u1', { open: 0 }), agent('u2', { open: 3, tier: 2 })];
    expect(pickAgent(agents, { ...ticket, urgency: 'urgent' })?.userId).toBe('u2');
    expect(pickAgent([agent('u1')], { ...ticket, urgency: 'urgent' })?.userId).toBe('u1');
  });

  it('platform queue takes only platform agents', () => {
    const agents = [agent('u1'), agent('p1', { storeId: null, open: 2 })];
    expect(pickAgent(agents, { ...ticket, queue: 'platform' })?.userId).toBe('p1');
  });
});
