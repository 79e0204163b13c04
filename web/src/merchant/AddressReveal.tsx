// A buyer's shipping address as a merchant sees it: masked (张*, 138****5678, ****) until 查看,
// which asks the server for the full address — a reveal the server writes to its audit log, so
// it is only made on purpose and remembered for the rest of the visit (the ship dialog reuses it).
import { useState, useSyncExternalStore } from 'react';
import { api, errorMessage } from '../api';
import { regionText } from '../address/regions';
import { useI18n } from '../i18n';
import type { Order, ShippingAddress } from '../types';

const revealed = new Map<string, ShippingAddress>();
const listeners = new Set<() => void>();
let version = 0;

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function remember(orderId: string, a: ShippingAddress): void {
  revealed.set(orderId, a);
  version++;
  for (const l of listeners) l();
}

export function AddressReveal({ order, compact = false }: { order: Order; compact?: boolean }) {
  const { t } = useI18n();
  useSyncExternalStore(subscribe, () => version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const shown = revealed.get(order.id) ?? order.shippingAddress;
  if (!shown) return <span className="muted">—</span>;

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      remember(order.id, await api.revealAddress(order.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const full = `${shown.recipient} ${shown.phone} ${regionText(shown)} ${shown.detail}`;
  return (
    <div className={`mc-addr ${compact ? 'mc-addr-compact' : ''}`} data-testid={`order-address-${order.id}`} data-masked={shown.masked}>
      <div className="mc-addr-who">
        <span>{shown.recipient}</span>
        <span className="mono">{shown.phone}</span>
        {shown.masked ? (
          <button type="button" className="link-btn" disabled={busy} onClick={() => void reveal()} title={t('address.revealHint')} data-testid={`reveal-address-${order.id}`}>
            {busy ? t('common.working') : t('address.reveal')}
          </button>
        ) : (
          <button
            type="button"
            className="link-btn"
            onClick={() =>
              void navigator.clipboard?.writeText(full).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copied ? t('address.copied') : t('address.copy')}
          </button>
        )}
      </div>
      <div className="mc-addr-where">
        {regionText(shown)} {shown.detail}
      </div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
