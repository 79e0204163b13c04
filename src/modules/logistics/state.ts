// A shipment's status only moves forward: pending → picked_up → in_transit → delivered. Carriers
// (and our webhook deliveries) do not arrive in order, so every scan is kept in the history,
// but a scan older in the journey than the current status never moves the status back.
export const SHIPMENT_STATUSES = ['pending', 'picked_up', 'in_transit', 'delivered'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
/** What a carrier scan can report (pending is ours: subscribed, not yet scanned). */
export type ScanStatus = Exclude<ShipmentStatus, 'pending'>;
export const SCAN_STATUSES: readonly ScanStatus[] = ['picked_up', 'in_transit', 'delivered'];

const RANK: Record<ShipmentStatus, number> = { pending: 0, picked_up: 1, in_transit: 2, delivered: 3 };

export interface ShipmentState {
  status: ShipmentStatus;
  /** Whether a pick-up scan was already recorded (whatever the status is now). */
  pickedUp: boolean;
  /** Whether a delivery scan was already recorded. */
  delivered: boolean;
}

export interface ScanDecision {
  /** The status after this scan: the later of the current one and the scan's. */
  status: ShipmentStatus;
  /** Whether this scan is news to announce (`logistics.shipment.<scan>`). */
  announce: boolean;
}

/**
 * How one scan changes a shipment. Pick-up and delivery are announced once each, the first time
 * they are seen, even when they arrive late (a pick-up after the delivery still tells commerce
 * when the parcel left the store); an in-transit scan is announced unless the parcel was
 * already delivered (then it is stale history).
 */
export function decideScan(current: ShipmentState, scan: ScanStatus): ScanDecision {
  const status = RANK[scan] > RANK[current.status] ? scan : current.status;
  const announce = scan === 'picked_up' ? !current.pickedUp : scan === 'delivered' ? !current.delivered : current.status !== 'delivered';
  return { status, announce };
}
