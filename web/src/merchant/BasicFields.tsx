import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { categoryGroups, useMerchant } from './context';
import type { BasicForm, Errors } from './editorModel';
import { ImageUploader } from './ImageUploader';

interface Props {
  form: BasicForm;
  onChange: (patch: Partial<BasicForm>) => void;
  errors: Errors;
}

export function FieldError({ error, testId }: { error?: string; testId?: string }) {
  return error ? (
    <span className="field-error" data-testid={testId}>
      {error}
    </span>
  ) : null;
}

/** Title, category, description, images, attributes, flags: shared by the create and edit pages. */
export function BasicFields({ form, onChange, errors }: Props) {
  const { t, lang } = useI18n();
  const { categories } = useMerchant();
  const groups = useMemo(() => categoryGroups(categories), [categories]);

  return (
    <section className="mc-card">
      <h2 className="mc-card-title">{t('editor.basics')}</h2>
      <div className="form-grid">
        <label className={`field ${errors.title ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('editor.title')} *</span>
          <input value={form.title} maxLength={60} onChange={(e) => onChange({ title: e.target.value })} placeholder={t('editor.titlePlaceholder')} data-testid="product-title" />
          <span className="field-hint">{form.title.length}/60</span>
          <FieldError error={errors.title} testId="product-title-error" />
        </label>
        <label className={`field ${errors.categoryId ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('editor.category')} *</span>
          <select value={form.categoryId} onChange={(e) => onChange({ categoryId: e.target.value })} data-testid="product-category">
            <option value="">{t('editor.pickCategory')}</option>
            {groups.map((g) => (
              <optgroup key={g.zh} label={lang === 'zh' ? g.zh : g.en}>
                {g.leaves.map((c) => (
                  <option key={c.id} value={c.id}>
                    {lang === 'zh' ? c.zh : c.en}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError error={errors.categoryId} testId="product-category-error" />
        </label>
      </div>
      <label className={`field ${errors.description ? 'field-invalid' : ''}`}>
        <span className="field-label">{t('editor.description')}</span>
        <textarea rows={4} maxLength={5000} value={form.description} onChange={(e) => onChange({ description: e.target.value })} data-testid="product-description" />
        <FieldError error={errors.description} />
      </label>

      <div className="field">
        <span className="field-label">{t('editor.images')}</span>
        <ImageUploader images={form.images} onChange={(images) => onChange({ images })} />
        <FieldError error={errors.imageIds} />
      </div>

      <div className="field">
        <span className="field-label">{t('editor.attributes')}</span>
        <div className="attr-rows">
          {form.attributes.map((a, i) => (
            <div key={i} className="attr-row">
              <input
                value={a.name}
                maxLength={20}
                placeholder={t('editor.attrName')}
                aria-invalid={!!errors[`attributes.${i}.name`]}
                onChange={(e) => onChange({ attributes: form.attributes.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                data-testid={`attr-name-${i}`}
              />
              <input
                value={a.value}
                maxLength={100}
                placeholder={t('editor.attrValue')}
                aria-invalid={!!errors[`attributes.${i}.value`]}
                onChange={(e) => onChange({ attributes: form.attributes.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })}
                data-testid={`attr-value-${i}`}
              />
              <button type="button" className="icon-btn" aria-label={t('common.remove')} onClick={() => onChange({ attributes: form.attributes.filter((_, j) => j !== i) })}>
                ×
              </button>
              <FieldError error={errors[`attributes.${i}.name`] ?? errors[`attributes.${i}.value`]} />
            </div>
          ))}
          {form.attributes.length < 30 && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ attributes: [...form.attributes, { name: '', value: '' }] })} data-testid="add-attribute">
              + {t('editor.addAttribute')}
            </button>
          )}
        </div>
      </div>

      <div className="form-grid">
        <label className="check">
          <input type="checkbox" checked={form.noReasonReturn} onChange={(e) => onChange({ noReasonReturn: e.target.checked })} data-testid="product-no-reason-return" />
          {t('editor.noReasonReturn')}
        </label>
        <div className="field field-inline">
          <span className="field-label">{t('editor.status')}</span>
          <div className="seg" role="radiogroup">
            {(['active', 'draft'] as const).map((s) => (
              <label key={s} className={`seg-item ${form.status === s ? 'on' : ''}`}>
                <input type="radio" name="product-status" checked={form.status === s} onChange={() => onChange({ status: s })} data-testid={`product-status-${s}`} />
                {t(`editor.statusChoice.${s}`)}
              </label>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
