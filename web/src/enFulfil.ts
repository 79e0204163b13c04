// English strings of order tracking, receipt and the order page's after-sales entry.
import type { zhFulfil } from './zhFulfil';

export const enFulfil: Record<keyof typeof zhFulfil, string> = {
  'tracking.title': 'Tracking',
  'tracking.status.pending': 'Awaiting pick-up',
  'tracking.status.picked_up': 'Picked up',
  'tracking.status.in_transit': 'In transit',
  'tracking.status.delivered': 'Delivered',
  'tracking.waiting': 'Shipped by the merchant; waiting for the courier to pick it up',
  'tracking.more': 'All tracking events ({n})',
  'tracking.less': 'Show less',
  'tracking.copy': 'Copy',
  'tracking.copied': 'Copied',
  'tracking.no': 'Tracking no.',
  'order.deliveredAt': 'Delivered',
  'order.completedAt': 'Completed',
  'order.shippedAtLabel': 'Shipped',
  'order.applyRefund': 'Request refund',
  'order.applyAfterSales': 'Return / refund',
  'order.viewAfterSales': 'View request',
  'order.afterSalesOpen': 'After-sales in progress',
  'order.refunded': 'Refunded {amount}',
  'order.refunding': 'Refunding {amount}',
  'order.compensated': 'Compensated {amount}',
};
