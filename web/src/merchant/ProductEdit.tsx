import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Product } from '../types';
import { BasicFields } from './BasicFields';
import { basicFromProduct, checkBasic, patchBody, type BasicForm, type Errors } from './editorModel';
import { SkuEditTable } from './SkuEditTable';

export function ProductEdit({ productId }: { productId: string }) {
  const loaded = useLoad(() => api.myProduct(productId), [productId]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error || !loaded.data) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  return <EditForm product={loaded.data} onProduct={loaded.setData} />;
}

function EditForm({ product, onProduct }: { product: Product; onProduct: (p: Product) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<BasicForm>(() => basicFromProduct(product));
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const archived = product.status === 'archived';

  async function save(ev: FormEvent) {
    ev.preventDefault();
    setMessage(null);
    const e = checkBasic(form, t);
    setErrors(e);
    if (Object.keys(e).length > 0) return setMessage({ ok: false, text: t('editor.fixErrors') });
    setBusy(true);
    try {
      const next = await api.updateProduct(product.id, patchBody(form));
      onProduct(next);
      setMessage({ ok: true, text: t('editor.saved') });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!window.confirm(t('merchant.archiveConfirm', { title: product.title }))) return;
    try {
      onProduct(await api.archiveProduct(product.id));
      setMessage({ ok: true, text: t('editor.archived') });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <div className="editor">
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/merchant">{t('merchant.nav.products')}</Link> / {t('editor.editProduct')}
          </div>
          <h1 className="mc-title">
            {product.title} <span className={`status status-${product.status}`}>{t(`status.${product.status}`)}</span>
          </h1>
        </div>
        <div className="row-gap">
          <Link to={`/products/${product.id}`} className="btn btn-ghost" data-testid="view-product">
            {t('common.view')}
          </Link>
          {!archived && (
            <button type="button" className="btn btn-danger-ghost" onClick={() => void archive()} data-testid="archive-product">
              {t('merchant.archive')}
            </button>
          )}
        </div>
      </div>

      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={archived} className="plain-fieldset">
          <BasicFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} errors={errors} />
        </fieldset>
        <div className="editor-bar editor-bar-inline">
          {message && (
            <span className={message.ok ? 'form-ok' : 'form-error'} role="status" data-testid="product-message">
              {message.text}
            </span>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy || archived} data-testid="product-save">
            {busy ? t('common.working') : t('common.save')}
          </button>
        </div>
      </form>

      <section className="mc-card">
        <h2 className="mc-card-title">{t('editor.options')}</h2>
        {product.options.length === 0 ? (
          <p className="muted">{t('editor.noOptions')}</p>
        ) : (
          <dl className="options-readonly">
            {product.options.map((o) => (
              <div key={o.name}>
                <dt>{o.name}</dt>
                <dd className="chips chips-wrap">
                  {o.values.map((v) => (
                    <span key={v} className="chip chip-static">
                      {v}
                    </span>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        )}
        <p className="muted small">{t('editor.optionsLocked')}</p>
      </section>

      <SkuEditTable product={product} onProduct={onProduct} disabled={archived} />
    </div>
  );
}
