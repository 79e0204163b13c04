import { useState } from 'react';
import { useI18n } from '../i18n';
import type { OptionValues } from '../types';
import { FieldError } from './BasicFields';
import { comboKey, EMPTY_SKU, type Errors, type SkuDraft } from './editorModel';

interface Props {
  optionNames: string[];
  combos: OptionValues[];
  drafts: Record<string, SkuDraft>;
  onChange: (key: string, patch: Partial<SkuDraft>) => void;
  errors: Errors;
}

/** One row per option combination: code, price (yuan), list price, stock. */
export function NewSkuTable({ optionNames, combos, drafts, onChange, errors }: Props) {
  const { t } = useI18n();
  const [bulkPrice, setBulkPrice] = useState('');
  const [bulkStock, setBulkStock] = useState('');

  const applyBulk = () => {
    for (const c of combos) onChange(comboKey(c), { ...(bulkPrice ? { price: bulkPrice } : {}), ...(bulkStock ? { stock: bulkStock } : {}) });
  };

  return (
    <section className="mc-card">
      <h2 className="mc-card-title">
        {t('editor.skus')} <span className="muted small">({combos.length})</span>
      </h2>
      {combos.length > 1 && (
        <div className="bulk-row">
          <span className="muted small">{t('editor.bulk')}</span>
          <input inputMode="decimal" placeholder={t('editor.price')} value={bulkPrice} onChange={(e) => setBulkPrice(e.target.value)} data-testid="bulk-price" />
          <input inputMode="numeric" placeholder={t('editor.stock')} value={bulkStock} onChange={(e) => setBulkStock(e.target.value)} data-testid="bulk-stock" />
          <button type="button" className="btn btn-ghost btn-sm" onClick={applyBulk} data-testid="bulk-apply">
            {t('editor.bulkApply')}
          </button>
        </div>
      )}
      {combos.length > 200 && <p className="form-error">{t('editor.tooManySkus')}</p>}
      <table className="mc-table sku-table">
        <thead>
          <tr>
            {optionNames.length > 0 ? optionNames.map((n) => <th key={n}>{n}</th>) : <th>{t('editor.sku')}</th>}
            <th>{t('editor.code')}</th>
            <th>{t('editor.priceYuan')} *</th>
            <th>{t('editor.listPriceYuan')}</th>
            <th>{t('editor.stock')} *</th>
          </tr>
        </thead>
        <tbody>
          {combos.map((c, i) => {
            const key = comboKey(c);
            const d = drafts[key] ?? EMPTY_SKU;
            return (
              <tr key={key} data-testid={`sku-row-${i}`}>
                {optionNames.length > 0 ? optionNames.map((n) => <td key={n}>{c[n]}</td>) : <td className="muted">{t('editor.singleSku')}</td>}
                <td>
                  <input value={d.code} maxLength={64} onChange={(e) => onChange(key, { code: e.target.value })} data-testid={`sku-code-${i}`} />
                  <FieldError error={errors[`skus.${i}.code`]} />
                </td>
                <td>
                  <div className="yuan-input">
                    <span>¥</span>
                    <input
                      inputMode="decimal"
                      value={d.price}
                      placeholder="0.00"
                      onChange={(e) => onChange(key, { price: e.target.value })}
                      aria-invalid={!!errors[`skus.${i}.priceFen`]}
                      data-testid={`sku-price-${i}`}
                    />
                  </div>
                  <FieldError error={errors[`skus.${i}.priceFen`]} />
                </td>
                <td>
                  <div className="yuan-input">
                    <span>¥</span>
                    <input
                      inputMode="decimal"
                      value={d.listPrice}
                      onChange={(e) => onChange(key, { listPrice: e.target.value })}
                      aria-invalid={!!errors[`skus.${i}.listPriceFen`]}
                      data-testid={`sku-list-price-${i}`}
                    />
                  </div>
                  <FieldError error={errors[`skus.${i}.listPriceFen`]} />
                </td>
                <td>
                  <input
                    inputMode="numeric"
                    value={d.stock}
                    placeholder="0"
                    onChange={(e) => onChange(key, { stock: e.target.value })}
                    aria-invalid={!!errors[`skus.${i}.stock`]}
                    data-testid={`sku-stock-${i}`}
                  />
                  <FieldError error={errors[`skus.${i}.stock`]} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
