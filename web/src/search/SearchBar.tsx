// The search box with its panel: recent searches while the box is empty, suggestions from
// /search/suggest (debounced) once something is typed. A combobox for keyboards (↑ ↓ pick, Enter
// searches the picked or typed text, Esc closes) and for fingers (tap a row). The panel covers the
// page below the header, the way shopping apps open search.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import type { SearchType, Suggestion } from '../typesSearch';
import { freshSearch } from './params';
import { addRecent, clearRecent, readRecent } from './recent';
import { searchApi } from './searchApi';
import { SuggestPanel, type Option } from './SuggestPanel';

const DEBOUNCE_MS = 150;

export function SearchBar({ initial = '', type = 'product', autoFocus = false }: { initial?: string; type?: SearchType; autoFocus?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const listId = useId();
  const wrap = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [recent, setRecent] = useState<string[]>(readRecent);
  const [suggested, setSuggested] = useState<{ for: string; items: Suggestion[] }>({ for: '', items: [] });
  const [panelHeight, setPanelHeight] = useState(0);

  // The box shows the current query when the page's query changes (back, a new search).
  useEffect(() => setText(initial), [initial]);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const typed = text.trim();
  useEffect(() => {
    if (!typed || !open) return;
    let live = true;
    const timer = window.setTimeout(() => {
      searchApi.suggest(typed.slice(0, 100)).then(
        (r) => live && setSuggested({ for: typed, items: r.items }),
        // Suggestions are a help, not the search: a failure leaves the list empty.
        () => live && setSuggested({ for: typed, items: [] }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [typed, open]);

  // The panel reaches from the header's bottom to the screen's, measured when it opens.
  useEffect(() => {
    if (!open) return;
    const header = wrap.current?.closest('header');
    setPanelHeight(Math.max(200, window.innerHeight - (header?.getBoundingClientRect().bottom ?? 0)));
  }, [open]);

  const options: Option[] = typed
    ? suggested.for === typed
      ? suggested.items.map((s) => ({ text: s.text, kind: s.kind, via: s.via }))
      : []
    : recent.map((r) => ({ text: r, kind: 'recent' as const, via: 'text' as const }));
  useEffect(() => setActive(-1), [typed, suggested]);

  function submit(q: string) {
    const query = q.trim();
    if (!query) return;
    setRecent(addRecent(query));
    setText(query);
    setOpen(false);
    input.current?.blur();
    navigate(freshSearch(query, type));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return; // an IME is still turning pinyin into characters
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // Cycles through the rows and back to the box itself (-1), like a native autocomplete.
      const n = options.length + 1;
      setActive((i) => ((i + 1 + step + n) % n) - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      submit(options[active].text);
    }
  }

  const expanded = open && (options.length > 0 || !typed);
  return (
    <form
      ref={wrap}
      role="search"
      className={`sbar ${open ? 'sbar-open' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit(text);
      }}
    >
      <label className="search-box sbar-box">
        <span className="search-icon" aria-hidden="true">⌕</span>
        <input
          ref={input}
          type="search"
          role="combobox"
          enterKeyHint="search"
          autoComplete="off"
          value={text}
          maxLength={100}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {text && (
          <button type="button" className="sbar-clear" aria-label={t('search.clearInput')} onMouseDown={(e) => e.preventDefault()} onClick={() => { setText(''); input.current?.focus(); }}>
            ×
          </button>
        )}
        <button type="submit" className="sbar-go" onMouseDown={(e) => e.preventDefault()} data-testid="search-submit">
          {t('search.submit')}
        </button>
      </label>
      {open && (
        <SuggestPanel
          id={listId}
          height={panelHeight}
          typed={typed}
          options={options}
          active={active}
          onPick={submit}
          onHover={setActive}
          onClearRecent={() => {
            clearRecent();
            setRecent([]);
          }}
        />
      )}
    </form>
  );
}
