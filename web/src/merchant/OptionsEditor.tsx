import { useI18n } from '../i18n';
import { FieldError } from './BasicFields';
import { MAX_OPTIONS, parseValues, type Errors, type OptionDraft } from './editorModel';

/** Up to three options (颜色, 尺码…), each with comma-separated values shown back as chips. */
export function OptionsEditor({ options, onChange, errors }: { options: OptionDraft[]; onChange: (next: OptionDraft[]) => void; errors: Errors }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<OptionDraft>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <section className="mc-card">
      <h2 className="mc-card-title">{t('editor.options')}</h2>
      <p className="muted small">{t('editor.optionsHint')}</p>
      {options.map((o, i) => {
        const values = parseValues(o.valuesText);
        return (
          <div key={i} className="option-row">
            <div className="option-inputs">
              <input
                className="option-name"
                value={o.name}
                maxLength={20}
                placeholder={t('editor.optionName')}
                onChange={(e) => set(i, { name: e.target.value })}
                aria-invalid={!!errors[`options.${i}.name`]}
                data-testid={`option-name-${i}`}
              />
              <input
                className="option-values"
                value={o.valuesText}
                placeholder={t('editor.optionValues')}
                onChange={(e) => set(i, { valuesText: e.target.value })}
                aria-invalid={!!errors[`options.${i}.values`]}
                data-testid={`option-values-${i}`}
              />
              <button type="button" className="icon-btn" aria-label={t('common.remove')} onClick={() => onChange(options.filter((_, j) => j !== i))} data-testid={`option-remove-${i}`}>
                ×
              </button>
            </div>
            {values.length > 0 && (
              <div className="chips chips-wrap option-chips">
                {values.map((v) => (
                  <span key={v} className="chip chip-static">
                    {v}
                    <button
                      type="button"
                      className="chip-x"
                      aria-label={t('common.remove')}
                      onClick={() => set(i, { valuesText: values.filter((x) => x !== v).join(', ') })}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>
            )}
            <FieldError error={errors[`options.${i}.name`] ?? errors[`options.${i}.values`]} />
          </div>
        );
      })}
      {options.length < MAX_OPTIONS && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange([...options, { name: '', valuesText: '' }])} data-testid="add-option">
          + {t('editor.addOption')}
        </button>
      )}
      <FieldError error={errors.options} />
    </section>
  );
}
