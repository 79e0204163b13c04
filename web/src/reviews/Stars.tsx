// Stars: shown (a rating) and picked (the review form). Each star of the picker is a button
// with the number as its label, so keyboards, screen readers and tests can use it.
import { useI18n } from '../i18n';

export function Stars({ value, size = 'sm' }: { value: number; size?: 'sm' | 'lg' }) {
  const full = Math.round(value);
  return (
    <span className={`rv-stars rv-stars-${size}`} aria-label={`${value}/5`}>
      {[1, 2, 3, 4, 5].map((s) => (
        <span key={s} className={s <= full ? 'rv-star rv-star-on' : 'rv-star'}>
          ★
        </span>
      ))}
    </span>
  );
}

export function StarPicker({ label, value, onChange, testId }: { label: string; value: number; onChange: (v: number) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="rv-pick" role="radiogroup" aria-label={label} data-testid={testId}>
      <span className="rv-pick-label">{label}</span>
      <span className="rv-pick-stars">
        {[1, 2, 3, 4, 5].map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={value === s}
            aria-label={String(s)}
            className={s <= value ? 'rv-star rv-star-on' : 'rv-star'}
            onClick={() => onChange(s)}
            data-testid={`${testId}-${s}`}
          >
            ★
          </button>
        ))}
      </span>
      <span className="rv-pick-word muted small">{value ? t(`reviews.word.${value}` as 'reviews.word.1') : ''}</span>
    </div>
  );
}
