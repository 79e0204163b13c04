// 体验分 (/ops/experience): every store's latest 商家体验分 with its three dimensions, best first,
// filtered by root category, score range and whether scored; 重新计算 recomputes all stores now.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { ScoreRow } from '../typesExperience';
import { fmtScore, levelOf, scoreApi, ScoreStyles, type OpsScoreQuery } from './ScoreParts';

const LIMIT = 20;

interface Filters {
  categoryId: string;
  scored: '' | 'true' | 'false';
  min: string;
  max: string;
}
const NO_FILTERS: Filters = { categoryId: '', scored: '', min: '', max: '' };

function toQuery(f: Filters, offset: number): OpsScoreQuery {
  const num = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Math.min(100, Math.max(0, Number(s))));
  return { categoryId: f.categoryId || undefined, scored: f.scored === '' ? undefined : f.scored === 'true', min: num(f.min), max: num(f.max), limit: LIMIT, offset };
}

export function ScoreOps() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const categories = useLoad(() => api.categories(), []);
  const list = useLoad(async () => {
    const page = await scoreApi.list(toQuery(filters, offset));
    // The rows carry store ids only: their names from the public store page, best effort.
    const names = await Promise.all(page.items.map((r) => api.store(r.storeId).then((s) => s.name, () => null)));
    return { ...page, names };
  }, [filters, offset]);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function recompute() {
    setBusy(true);
    setMsg(null);
    try {
      const r = await scoreApi.recompute();
      setMsg({ ok: true, text: t('score.ops.recomputed', { stores: r.stores, changed: r.changed, day: r.day }) });
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  }

  const roots = (categories.data ?? []).filter((c) => c.parentId === null);
  const catName = (id: string | null) => {
    const c = id ? roots.find((x) => x.id === id) : undefined;
    return c ? (lang === 'zh' ? c.nameZh : c.nameEn) : '—';
  };

  return (
    <div className="score-page" data-testid="ops-score">
      <ScoreStyles />
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('score.title')}</h1>
          <p className="muted">{t('score.ops.subtitle')}</p>
        </div>
        <div className="ops-bar" style={{ margin: 0 }}>
          {msg && (
            <p className={`score-msg ${msg.ok ? 'form-ok' : 'form-error'}`} role="status" data-testid="score-recompute-msg">
              {msg.text}
            </p>
          )}
          <button type="button" className="btn btn-primary btn-sm" onClick={() => void recompute()} disabled={busy} data-testid="score-recompute">
            {busy ? t('score.ops.recomputing') : t('score.ops.recompute')}
          </button>
        </div>
      </div>
      <form className="mc-card score-filters" onSubmit={apply} data-testid="score-filters">
        <label>
          {t('score.ops.category')}
          <select value={draft.categoryId} onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })} data-testid="score-filter-category">
            <option value="">{t('score.ops.allCategories')}</option>
            {roots.map((c) => (
              <option key={c.id} value={c.id}>
                {lang === 'zh' ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('score.ops.scored')}
          <select value={draft.scored} onChange={(e) => setDraft({ ...draft, scored: e.target.value as Filters['scored'] })} data-testid="score-filter-scored">
            <option value="">{t('score.ops.scoredAll')}</option>
            <option value="true">{t('score.ops.scoredYes')}</option>
            <option value="false">{t('score.ops.scoredNo')}</option>
          </select>
        </label>
        <label>
          {t('score.ops.min')}
          <input type="number" min={0} max={100} value={draft.min} onChange={(e) => setDraft({ ...draft, min: e.target.value })} data-testid="score-filter-min" />
        </label>
        <label>
          {t('score.ops.max')}
          <input type="number" min={0} max={100} value={draft.max} onChange={(e) => setDraft({ ...draft, max: e.target.value })} data-testid="score-filter-max" />
        </label>
        <button type="submit" className="btn btn-primary btn-sm" data-testid="score-filter-apply">
          {t('score.ops.apply')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
            setOffset(0);
          }}
        >
          {t('score.ops.reset')}
        </button>
      </form>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : (
        <section className="mc-card">
          <div className="muted small" style={{ marginBottom: 8 }} data-testid="score-total">
            {t('score.ops.total', { n: list.data.total })}
          </div>
          {list.data.items.length === 0 ? (
            <p className="muted">{t('score.ops.empty')}</p>
          ) : (
            <table className="mc-table score-ops-table" data-testid="score-list">
              <thead>
                <tr>
                  <th>{t('score.ops.col.store')}</th>
                  <th className="num">{t('score.ops.col.score')}</th>
                  <th>{t('score.ops.col.level')}</th>
                  <th className="num">{t('score.dim.goods')}</th>
                  <th className="num">{t('score.dim.logistics')}</th>
                  <th className="num">{t('score.dim.service')}</th>
                  <th>{t('score.ops.category')}</th>
                  <th className="num">{t('score.ops.col.orders')}</th>
                  <th className="num">{t('score.ops.col.peers')}</th>
                  <th>{t('score.ops.col.day')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r, i) => (
                  <Row key={r.storeId} r={r} name={list.data!.names[i] ?? null} category={catName(r.categoryId)} />
                ))}
              </tbody>
            </table>
          )}
          {list.data.total > LIMIT && (
            <div className="score-pager">
              <button type="button" className="btn btn-ghost btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
                {t('score.ops.prev')}
              </button>
              <span className="muted small">
                {offset / LIMIT + 1} / {Math.ceil(list.data.total / LIMIT)}
              </span>
              <button type="button" className="btn btn-ghost btn-sm" disabled={offset + LIMIT >= list.data.total} onClick={() => setOffset(offset + LIMIT)}>
                {t('score.ops.next')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function Row({ r, name, category }: { r: ScoreRow; name: string | null; category: string }) {
  const { t } = useI18n();
  const level = r.score === null ? null : levelOf(r.score);
  return (
    <tr data-testid={`score-row-${r.storeId}`}>
      <td>
        <Link to={`/stores/${r.storeId}`}>{name ?? r.storeId}</Link>
      </td>
      <td className={`num ${level ? `score-text-${level}` : ''}`} style={{ fontWeight: 700 }}>
        {fmtScore(r.score)}
      </td>
      <td>{level ? t(`score.level.${level}`) : <span className="muted">{r.reason === 'no_data' ? t('score.ops.reason.no_data') : t('score.ops.reason.not_enough_orders')}</span>}</td>
      <td className="num">{fmtScore(r.dimensions.goods)}</td>
      <td className="num">{fmtScore(r.dimensions.logistics)}</td>
      <td className="num">{fmtScore(r.dimensions.service)}</td>
      <td>{category}</td>
      <td className="num">{r.orders}</td>
      <td className="num">{r.peerGroup ? `${r.peers} · ${t(r.peerGroup === 'category' ? 'score.group.category' : 'score.group.all')}` : '—'}</td>
      <td>{r.day}</td>
    </tr>
  );
}
