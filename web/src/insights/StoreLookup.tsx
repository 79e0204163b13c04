// Operators' store lookup: a store id opens its dashboard at once; a name is searched (the search
// module's store tab) and the matches are listed.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';
import { searchApi } from '../search/searchApi';
import type { SearchItem } from '../typesSearch';

const ID = /^[a-z]{2,5}_[0-9a-z]{10,40}$/;

export function StoreLookup() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [found, setFound] = useState<SearchItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function go(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    if (ID.test(q)) {
      navigate(`/ops/insights/stores/${encodeURIComponent(q)}`);
      return;
    }
    setError(null);
    try {
      setFound((await searchApi.search({ q, type: 'store', size: 8 })).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="ins-lookup" data-testid="insights-lookup">
      <form onSubmit={(e) => void go(e)} className="ins-lookup-form">
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('ins.ops.lookupHint')}
          aria-label={t('ins.ops.lookup')}
          data-testid="insights-lookup-input"
        />
        <button type="submit" className="btn btn-primary btn-sm" data-testid="insights-lookup-go">
          {t('ins.ops.lookupGo')}
        </button>
      </form>
      {error && <p className="field-error">{error}</p>}
      {found && found.length === 0 && <p className="muted small">{t('ins.ops.lookupNone')}</p>}
      {found && found.length > 0 && (
        <ul className="ins-lookup-list">
          {found.map((s) => (
            <li key={s.id}>
              <Link to={`/ops/insights/stores/${encodeURIComponent(s.id)}`} className="mc-link" data-testid={`insights-lookup-${s.id}`}>
                {s.title}
              </Link>
              <span className="muted small">{s.id}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
