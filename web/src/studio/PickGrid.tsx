// The grid of goods to tick for a video: picked ones numbered in the order picked; goods that may
// not be picked (a showcase item no plan pays on any more) are shown greyed with the reason.
import { Price } from '../components/Price';
import { useI18n } from '../i18n';
import type { ProductCard } from '../types';
import { MAX_PRODUCTS } from './videoForm';
import '../alliance/alliance.css';

export interface Pickable {
  card: ProductCard;
  /** A line under the price (e.g. the commission rate of a showcase item). */
  note?: string;
  /** Why it may not be picked; unset: it may. */
  blocked?: string;
}

export function PickGrid({ listed, extra, value, onChange }: { listed: Pickable[]; extra: ProductCard[]; value: ProductCard[]; onChange: (next: ProductCard[]) => void }) {
  const { t } = useI18n();
  const pickedAt = (id: string) => value.findIndex((p) => p.id === id);
  const toggle = (p: ProductCard) => {
    if (pickedAt(p.id) >= 0) onChange(value.filter((x) => x.id !== p.id));
    else if (value.length < MAX_PRODUCTS) onChange([...value, p]);
  };
  return (
    <div className="picker-grid">
      {[...extra.map((card): Pickable => ({ card })), ...listed].map(({ card: p, note, blocked }) => {
        const at = pickedAt(p.id);
        const full = at < 0 && (value.length >= MAX_PRODUCTS || !!blocked);
        return (
          <label key={p.id} className={`pick ${at >= 0 ? 'on' : ''} ${full ? 'full' : ''}`} title={blocked} data-testid={`pick-${p.id}`}>
            <input type="checkbox" checked={at >= 0} disabled={full} onChange={() => toggle(p)} />
            {p.imageUrl ? <img src={p.imageUrl} alt="" /> : <span className="pick-noimg">{Array.from(p.title)[0] ?? ''}</span>}
            <span className="pick-body">
              <span className="pick-title">{p.title}</span>
              <span className="pick-meta">
                <Price fen={p.minPriceFen} size="sm" />
                <span className="muted small">{blocked ?? (p.available ? t('product.stock', { n: p.totalStock }) : t('video.unavailable'))}</span>
              </span>
              {note && <span className="pick-note">{note}</span>}
            </span>
            {at >= 0 && <span className="pick-order">{at + 1}</span>}
          </label>
        );
      })}
    </div>
  );
}
