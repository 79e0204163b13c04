// The confirm-order page's address: the chosen one as an envelope-edged card; a tap opens the
// address book as a sheet to pick another, manage them or add one.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AddressLines, PinIcon } from '../address/AddressBits';
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import type { Address } from '../types';

export function AddressSection({ addresses, chosen, onChoose, invalid }: { addresses: Address[] | undefined; chosen: Address | null; onChoose: (id: string) => void; invalid: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (addresses === undefined) return <section className="card addr-card addr-card-loading" aria-busy="true" />;
  if (!chosen) {
    return (
      <Link to="/me/addresses/new" state={{ pick: true }} className={`card addr-card addr-card-add ${invalid ? 'addr-card-invalid' : ''}`} data-testid="confirm-add-address">
        <span className="addr-pin" aria-hidden="true">
          <PinIcon />
        </span>
        <span className="addr-lines">
          <span className="addr-who">+ {t('confirm.addAddress')}</span>
          <span className="addr-where">{t('confirm.addAddressHint')}</span>
        </span>
        <span className="addr-more" aria-hidden="true">
          ›
        </span>
      </Link>
    );
  }
  return (
    <>
      <button type="button" className="card addr-card addr-card-btn" onClick={() => setOpen(true)} data-testid="confirm-address" data-address-id={chosen.id}>
        <span className="addr-pin" aria-hidden="true">
          <PinIcon />
        </span>
        <AddressLines address={chosen} isDefault={chosen.isDefault} />
        <span className="addr-more" aria-hidden="true">
          ›
        </span>
      </button>
      {open && (
        <AddressSheet
          addresses={addresses}
          chosenId={chosen.id}
          onClose={() => setOpen(false)}
          onChoose={(id) => {
            onChoose(id);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function AddressSheet({ addresses, chosenId, onChoose, onClose }: { addresses: Address[]; chosenId: string; onChoose: (id: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Sheet
      title={t('address.pick')}
      onClose={onClose}
      testId="address-sheet"
      footer={
        <button type="button" className="btn btn-primary btn-block" onClick={() => navigate('/me/addresses/new', { state: { pick: true } })} data-testid="address-sheet-add">
          + {t('address.add')}
        </button>
      }
    >
      <div className="addr-sheet-head">
        <Link to="/me/addresses" className="muted small">
          {t('address.manage')} ›
        </Link>
      </div>
      {addresses.map((a) => (
        <label key={a.id} className={`addr-option ${a.id === chosenId ? 'on' : ''}`} data-testid="address-option">
          <input type="radio" name="ship-to" checked={a.id === chosenId} onChange={() => onChoose(a.id)} />
          <AddressLines address={a} isDefault={a.isDefault} />
          <span className="addr-check" aria-hidden="true">
            {a.id === chosenId ? '✓' : ''}
          </span>
        </label>
      ))}
    </Sheet>
  );
}
