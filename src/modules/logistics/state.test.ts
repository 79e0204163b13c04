import { describe, expect, it } from 'vitest';
import { decideScan, SCAN_STATUSES, SHIPMENT_STATUSES, type ScanStatus, type ShipmentState } from './state.ts';

const fresh: ShipmentState = { status: 'pending', pickedUp: false, delivered: false };

/** Applies scans in the order they arrive; returns the final state and what was announced. */
function run(scans: ScanStatus[]): { state: ShipmentState; announced: ScanStatus[] } {
  let state = fresh;
  const announced: ScanStatus[] = [];
  for (const scan of scans) {
    const d = decideScan(state, scan);
    if (d.announce) announced.push(scan);
    state = { status: d.status, pickedUp: state.pickedUp || scan === 'picked_up', delivered: state.delivered || scan === 'delivered' };
  }
  return { state, announced };
}

describe('shipment status', () => {
  it('moves forward with each scan in order, announcing each', () => {
    const { state, announced } = run(['picked_up', 'in_transit', 'in_transit', 'delivered']);
    expect(state.status).toBe('delivered');
    expect(announced).toEqual(['picked_up', 'in_transit', 'in_transit', 'delivered']);
  });

  it('never moves back: a late in-transit scan after delivery is history, not news', () => {
    const { state, announced } = run(['picked_up', 'delivered', 'in_transit']);
    expect(state.status).toBe('delivered');
    expect(announced).toEqual(['picked_up', 'delivered']);
  });

  it('announces a late pick-up once, without moving a delivered parcel back', () => {
    const { state, announced } = run(['delivered', 'picked_up', 'picked_up']);
    expect(state).toEqual({ status: 'delivered', pickedUp: true, delivered: true });
    expect(announced).toEqual(['delivered', 'picked_up']);
  });

  it('announces delivery once even when the carrier reports it twice', () => {
    expect(run(['picked_up', 'delivered', 'delivered']).announced).toEqual(['picked_up', 'delivered']);
  });

  it('ends at the furthest status reached, whatever the arrival order', () => {
    const rank = (s: string) => SHIPMENT_STATUSES.indexOf(s as (typeof SHIPMENT_STATUSES)[number]);
    // Every ordering of three scans drawn from the scan statuses (27 sequences).
    for (const a of SCAN_STATUSES) {
      for (const b of SCAN_STATUSES) {
        for (const c of SCAN_STATUSES) {
          const furthest = [a, b, c].reduce((x, y) => (rank(y) > rank(x) ? y : x));
          const { state, announced } = run([a, b, c]);
          expect(state.status, `${a} ${b} ${c}`).toBe(furthest);
          expect(announced.filter((s) => s === 'picked_up').length).toBe([a, b, c].includes('picked_up') ? 1 : 0);
          expect(announced.filter((s) => s === 'delivered').length).toBe([a, b, c].includes('delivered') ? 1 : 0);
        }
      }
    }
  });

  it('takes an in-transit scan before any pick-up scan (the carrier skipped it) forward', () => {
    expect(decideScan(fresh, 'in_transit')).toEqual({ status: 'in_transit', announce: true });
  });
});
