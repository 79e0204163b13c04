import type { Address, ShippingAddress } from '../types';
import { useI18n } from '../i18n';
import { regionText } from './regions';

type Shown = Pick<Address, 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'detail'>;

/** Name and phone on the first line, region and street on the second (the 抖音商城 layout). */
export function AddressLines({ address, isDefault = false, testId }: { address: Shown; isDefault?: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="addr-lines" data-testid={testId}>
      <div className="addr-who">
        <span className="addr-name">{address.recipient}</span>
        <span className="addr-phone">{address.phone}</span>
        {isDefault && <span className="addr-default">{t('address.default')}</span>}
      </div>
      <div className="addr-where">
        {regionText(address)} {address.detail}
      </div>
    </div>
  );
}

/** An order's ship-to address (a pin icon, then the lines). */
export function ShipToCard({ address }: { address: ShippingAddress }) {
  return (
    <section className="card pad addr-card" data-testid="order-address">
      <span className="addr-pin" aria-hidden="true">
        <PinIcon />
      </span>
      <AddressLines address={address} />
    </section>
  );
}

export function PinIcon() {
  return (
    <svg width="1em" height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
      <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" />
      <circle cx="12" cy="10" r="2.3" />
    </svg>
  );
}
