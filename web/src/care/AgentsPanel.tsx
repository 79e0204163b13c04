// A desk's agents: who they are, their tier (money authority), skills and load, and the form to
// name (or update) one by user id. Used by the merchant console (the store's desk) and the
// operators' console (the platform's desk).
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { TICKET_CATEGORIES, type Agent, type AgentInput, type TicketCategory } from '../typesCare';
import { CategoryBadge } from './CareBits';

export function AgentsPanel({ load, add, hint }: { load: () => Promise<Agent[]>; add: (body: AgentInput) => Promise<Agent>; hint: string }) {
  const { t } = useI18n();
  const list = useLoad(load, [load]);
  return (
    <>
      <div className="mc-card mc-table-wrap">
        <div className="mc-card-title mc-table-meta">{t('care.agents.title')}</div>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error || !list.data ? (
          <ErrorBox error={list.error} onRetry={list.reload} />
        ) : list.data.length === 0 ? (
          <Empty text={t('care.agents.empty')} />
        ) : (
          <table className="mc-table" data-testid="care-agents">
            <thead>
              <tr>
                <th>{t('care.agents.col.name')}</th>
                <th>{t('care.agents.col.tier')}</th>
                <th>{t('care.agents.col.skills')}</th>
                <th className="num">{t('care.agents.col.load')}</th>
                <th>{t('care.agents.col.active')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.userId} className={a.active ? '' : 'row-muted'} data-testid="care-agent-row">
                  <td>
                    <div>{a.name}</div>
                    <div className="mono small muted">{a.userId}</div>
                  </td>
                  <td>{t('care.desk.tier', { n: a.tier })}</td>
                  <td>
                    <span className="desk-skills">
                      {a.skills.map((s) => (
                        <CategoryBadge key={s} category={s} />
                      ))}
                    </span>
                  </td>
                  <td className="num">
                    {a.open} / {a.maxOpen}
                  </td>
                  <td>{a.active ? t('care.agents.on') : t('care.agents.off')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <AddAgentForm add={add} hint={hint} onDone={list.reload} />
    </>
  );
}

function AddAgentForm({ add, hint, onDone }: { add: (body: AgentInput) => Promise<Agent>; hint: string; onDone: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [userId, setUserId] = useState('');
  const [tier, setTier] = useState(1);
  const [skills, setSkills] = useState<TicketCategory[]>(['logistics']);
  const [maxOpen, setMaxOpen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setOk(null);
    try {
      const max = maxOpen.trim() ? Number(maxOpen) : undefined;
      const a = await add({ userId: userId.trim(), tier, skills, ...(max ? { maxOpen: max } : {}) });
      setOk(t('care.agents.added', { name: a.name }));
      setUserId('');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const toggle = (c: TicketCategory) => setSkills((s) => (s.includes(c) ? s.filter((x) => x !== c) : [...s, c]));

  return (
    <form className="mc-card care-agent-form" onSubmit={(e) => void submit(e)} data-testid="care-agent-form">
      <div className="mc-card-title">{t('care.agents.add')}</div>
      <p className="muted small">{hint}</p>
      <div className="care-agent-grid">
        <label className="field">
          <span className="field-label">{t('care.agents.userId')}</span>
          <span className="row-gap">
            <input value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="usr_…" data-testid="care-agent-user" />
            {user && (
              <button type="button" className="link-btn small" onClick={() => setUserId(user.id)}>
                {t('care.agents.me')}
              </button>
            )}
          </span>
        </label>
        <label className="field">
          <span className="field-label">{t('care.agents.col.tier')}</span>
          <select value={tier} onChange={(e) => setTier(Number(e.target.value))} data-testid="care-agent-tier">
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {t('care.desk.tier', { n })} · {t(`care.agents.tierHint.${n as 1 | 2 | 3}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('care.agents.maxOpen')}</span>
          <input type="number" min={1} max={1000} value={maxOpen} onChange={(e) => setMaxOpen(e.target.value)} placeholder="20" />
        </label>
      </div>
      <fieldset className="field plain-fieldset">
        <legend className="field-label">{t('care.agents.col.skills')}</legend>
        <div className="chips chips-wrap">
          {TICKET_CATEGORIES.map((c) => (
            <button key={c} type="button" className={`chip chip-static ${skills.includes(c) ? 'chip-on' : ''}`} aria-pressed={skills.includes(c)} onClick={() => toggle(c)}>
              {t(`care.category.${c}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {error && <p className="form-error">{error}</p>}
      {ok && <p className="form-ok">{ok}</p>}
      <button type="submit" className="btn btn-primary" disabled={busy || !userId.trim() || skills.length === 0} data-testid="care-agent-submit">
        {busy ? t('common.working') : t('care.agents.save')}
      </button>
    </form>
  );
}
