import { useI18n } from '../i18n';
import type { OptionValues, Product, Sku } from '../types';

export function activeSkus(product: Product): Sku[] {
  return product.skus.filter((s) => s.status === 'active');
}

/** The SKU whose option values equal the selection on every option; null until the selection is full. */
export function skuFor(product: Product, selection: OptionValues): Sku | null {
  const skus = activeSkus(product);
  if (product.options.length === 0) return skus[0] ?? null;
  if (product.options.some((o) => !selection[o.name])) return null;
  return skus.find((s) => product.options.every((o) => s.optionValues[o.name] === selection[o.name])) ?? null;
}

/** Options with a single value need no choice: start with them picked. */
export function initialSelection(product: Product): OptionValues {
  const sel: OptionValues = {};
  for (const o of product.options) if (o.values.length === 1 && o.values[0]) sel[o.name] = o.values[0];
  return sel;
}

/** SKUs still possible if `name` were set to `value`, keeping the other picks. */
function candidates(product: Product, selection: OptionValues, name: string, value: string): Sku[] {
  return activeSkus(product).filter((s) =>
    product.options.every((o) => {
      const want = o.name === name ? value : selection[o.name];
      return !want || s.optionValues[o.name] === want;
    }),
  );
}

export function SkuPicker({ product, selection, onChange }: { product: Product; selection: OptionValues; onChange: (next: OptionValues) => void }) {
  const { t } = useI18n();
  if (product.options.length === 0) return null;
  return (
    <div className="sku-picker" data-testid="sku-picker">
      {product.options.map((o) => (
        <div key={o.name} className="sku-row">
          <div className="sku-row-name">{o.name}</div>
          <div className="chips chips-wrap">
            {o.values.map((v) => {
              const possible = candidates(product, selection, o.name, v);
              const none = possible.length === 0;
              const soldOut = !none && possible.every((s) => s.stock <= 0);
              const on = selection[o.name] === v;
              return (
                <button
                  key={v}
                  type="button"
                  className={`chip chip-sku ${on ? 'chip-on' : ''} ${soldOut ? 'chip-soldout' : ''}`}
                  disabled={none}
                  aria-pressed={on}
                  title={soldOut ? t('product.soldOut') : undefined}
                  data-testid={`opt-${o.name}-${v}`}
                  onClick={() => {
                    const next = { ...selection };
                    if (on) delete next[o.name];
                    else next[o.name] = v;
                    onChange(next);
                  }}
                >
                  {v}
                  {soldOut && <small className="chip-note">{t('product.soldOutShort')}</small>}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
