// Title, description, tags, topic and goods of a video: shared by the upload and edit pages.
import { useI18n } from '../i18n';
import { ProductPicker } from './ProductPicker';
import { parseTags, type Errors, type VideoForm } from './videoForm';

export function FieldError({ error }: { error?: string }) {
  return error ? <span className="field-error">{error}</span> : null;
}

export function VideoFields({ form, onChange, errors }: { form: VideoForm; onChange: (patch: Partial<VideoForm>) => void; errors: Errors }) {
  const { t } = useI18n();
  const tags = parseTags(form.tagsText);
  return (
    <>
      <section className="mc-card">
        <h2 className="mc-card-title">{t('studio.basics')}</h2>
        <label className={`field ${errors.title ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('studio.title')} *</span>
          <input value={form.title} maxLength={100} onChange={(e) => onChange({ title: e.target.value })} placeholder={t('studio.titlePlaceholder')} data-testid="video-title-input" />
          <span className="field-hint">{form.title.length}/100</span>
          <FieldError error={errors.title} />
        </label>
        <label className={`field ${errors.description ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('studio.description')}</span>
          <textarea rows={3} maxLength={1000} value={form.description} onChange={(e) => onChange({ description: e.target.value })} placeholder={t('studio.descriptionPlaceholder')} data-testid="video-description-input" />
          <FieldError error={errors.description} />
        </label>
        <div className="studio-2col">
          <label className={`field ${errors.tags ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.tags')}</span>
            <input value={form.tagsText} onChange={(e) => onChange({ tagsText: e.target.value })} placeholder={t('studio.tagsPlaceholder')} data-testid="video-tags-input" />
            {tags.length > 0 && (
              <span className="studio-tags">
                {tags.map((x) => (
                  <span key={x} className="studio-tag">
                    #{x}
                  </span>
                ))}
              </span>
            )}
            <FieldError error={errors.tags} />
          </label>
          <label className={`field ${errors.topic ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.topic')}</span>
            <input value={form.topic} maxLength={30} onChange={(e) => onChange({ topic: e.target.value })} placeholder={t('studio.topicPlaceholder')} data-testid="video-topic-input" />
            <FieldError error={errors.topic} />
          </label>
        </div>
      </section>
      <section className="mc-card">
        <h2 className="mc-card-title">{t('studio.products')}</h2>
        <ProductPicker value={form.products} onChange={(products) => onChange({ products })} />
        <FieldError error={errors.productIds} />
      </section>
    </>
  );
}
