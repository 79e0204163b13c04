// The search box's panel: recent searches as chips (box empty) or suggestion rows (box typed in).
// Rows keep the input focused on press (mousedown is cancelled) so a tap picks the row instead of
// blurring the box and closing the panel first.
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n';
import type { Suggestion } from '../typesSearch';
import { Highlighted, typedSpan } from './Highlight';

export interface Option {
  text: string;
  kind: Suggestion['kind'] | 'recent';
  via: Suggestion['via'];
}

const keepFocus = (e: MouseEvent) => e.preventDefault();

export function SuggestPanel({ id, height, typed, options, active, onPick, onHover, onClearRecent }: {
  id: string;
  height: number;
  typed: string;
  options: Option[];
  active: number;
  onPick: (text: string) => void;
  onHover: (i: number) => void;
  onClearRecent: () => void;
}) {
  const { t } = useI18n();
  const style = height > 0 ? { height } : undefined;

  if (!typed) {
    return (
      <div className="spanel" style={style} onMouseDown={keepFocus} data-testid="search-panel">
        {options.length > 0 ? (
          <section className="spanel-section">
            <div className="spanel-head">
              <h3>{t('search.recent')}</h3>
              <button type="button" className="spanel-clear" onClick={onClearRecent} data-testid="recent-clear">
                {t('search.clearRecent')}
              </button>
            </div>
            <ul className="spanel-chips" id={id} role="listbox" aria-label={t('search.recent')}>
              {options.map((o, i) => (
                <li
                  key={o.text}
                  id={`${id}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`spanel-chip ${i === active ? 'on' : ''}`}
                  onClick={() => onPick(o.text)}
                  onMouseEnter={() => onHover(i)}
                  data-testid="recent-search"
                >
                  {o.text}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p className="spanel-hint" id={id}>{t('search.enterQuery')}</p>
        )}
      </div>
    );
  }

  return (
    <div className="spanel" style={style} onMouseDown={keepFocus} data-testid="search-panel">
      <ul className="spanel-list" id={id} role="listbox" aria-label={t('search.suggestions')}>
        {options.map((o, i) => (
          <li
            key={`${o.kind}:${o.text}`}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`spanel-row ${i === active ? 'on' : ''}`}
            onClick={() => onPick(o.text)}
            onMouseEnter={() => onHover(i)}
            data-testid="suggestion"
            data-kind={o.kind}
          >
            <span className="spanel-icon" aria-hidden="true">{o.kind === 'query' ? '↗' : '⌕'}</span>
            <span className="spanel-text">
              <Highlighted text={o.text} spans={typedSpan(o.text, typed)} />
            </span>
            {o.kind !== 'recent' && <span className={`spanel-kind spanel-kind-${o.kind}`}>{t(`search.kind.${o.kind}`)}</span>}
          </li>
        ))}
      </ul>
      {/* The typed text itself is always a search, whatever the suggestions say (unless one of them is it). */}
      {!options.some((o) => o.text === typed) && (
        <button type="button" className="spanel-row spanel-typed" onClick={() => onPick(typed)} data-testid="search-typed">
          <span className="spanel-icon" aria-hidden="true">⌕</span>
          <span className="spanel-text">{t('search.searchFor', { q: typed })}</span>
        </button>
      )}
    </div>
  );
}
