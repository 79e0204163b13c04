import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { MyStore, ProductInput, SkuInput } from '../types';
import { BasicFields } from './BasicFields';
import { checkBasic, combinations, comboKey, EMPTY_SKU, emptyBasic, parseValues, patchBody, skuBody, usableOptions, type Errors, type OptionDraft, type SkuDraft } from './editorModel';
import { NewSkuTable } from './NewSkuTable';
import { OptionsEditor } from './OptionsEditor';

export function ProductCreate({ store }: { store: MyStore }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState(emptyBasic);
  // Two empty option rows to start with (empty rows are ignored); a third can be added.
  const [options, setOptions] = useState<OptionDraft[]>(() => [
    { name: '', valuesText: '' },
    { name: '', valuesText: '' },
  ]);
  const [drafts, setDrafts] = useState<Record<string, SkuDraft>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const usable = useMemo(() => usableOptions(options), [options]);
  const combos = useMemo(() => combinations(usable), [usable]);

  function validateOptions(e: Errors) {
    const names = new Set<string>();
    options.forEach((o, i) => {
      const name = o.name.trim();
      const values = parseValues(o.valuesText);
      if (!name && values.length === 0) return;
      if (!name) e[`options.${i}.name`] = t('editor.err.optionName');
      else if (values.length === 0) e[`options.${i}.values`] = t('editor.err.optionValues');
      else if (names.has(name)) e[`options.${i}.name`] = t('editor.err.optionDup');
      names.add(name);
    });
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setGeneral(null);
    const e = checkBasic(form, t);
    validateOptions(e);
    const skus: SkuInput[] = [];
    combos.forEach((c, i) => {
      const body = skuBody(drafts[comboKey(c)] ?? EMPTY_SKU, c, i, t, e);
      if (body) skus.push(body);
    });
    if (combos.length > 200) e.options = t('editor.tooManySkus');
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setGeneral(t('editor.fixErrors'));
      return;
    }
    const { title, description, categoryId, attributes, imageIds, noReasonReturn, status } = patchBody(form);
    const body: ProductInput = { title, description, categoryId, attributes, options: usable, imageIds, noReasonReturn, status, skus };
    setBusy(true);
    try {
      const product = await api.createProduct(store.id, body);
      navigate(`/products/${product.id}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setGeneral(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="editor" onSubmit={(e) => void submit(e)} noValidate>
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/merchant">{t('merchant.nav.products')}</Link> / {t('merchant.newProduct')}
          </div>
          <h1 className="mc-title">{t('merchant.newProduct')}</h1>
          <p className="muted">{t('editor.inStore', { name: store.name })}</p>
        </div>
      </div>
      <BasicFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} errors={errors} />
      <OptionsEditor options={options} onChange={setOptions} errors={errors} />
      <NewSkuTable
        optionNames={usable.map((o) => o.name)}
        combos={combos}
        drafts={drafts}
        errors={errors}
        onChange={(key, patch) => setDrafts((d) => ({ ...d, [key]: { ...(d[key] ?? EMPTY_SKU), ...patch } }))}
      />
      <div className="editor-bar">
        {general && (
          <span className="form-error" role="alert" data-testid="product-error">
            {general}
          </span>
        )}
        <Link to="/merchant" className="btn btn-ghost">
          {t('common.cancel')}
        </Link>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="product-save">
          {busy ? t('common.working') : form.status === 'active' ? t('editor.publish') : t('editor.saveDraft')}
        </button>
      </div>
    </form>
  );
}
