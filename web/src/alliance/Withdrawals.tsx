// 提现: the dialog that takes available commission out (an amount up to what is available; one
// Idempotency-Key per dialog, so a retry after a lost answer cannot pay twice), and the list of
// withdrawals with their status.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { randomId } from '../feed/device';
import { useI18n } from '../i18n';
import { fenToInput, formatFen, yuanToFen } from '../money';
import { MIN_WITHDRAWAL_FEN, type Withdrawal } from '../typesAlliance';
import { allianceApi } from './allianceApi';
import { Pager } from './bits';
import { DialogFooter } from '../components/FormDialog';

export function WithdrawDialog({ availableFen, onDone, onClose }: { availableFen: number; onDone: (w: Withdrawal) => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [key] = useState(() => `wd-${randomId(24)}`);
  const [amount, setAmount] = useState(fenToInput(availableFen));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const fen = yuanToFen(amount);
  const invalid =
    fen === null || fen <= 0
      ? t('alliance.withdraw.invalid')
      : fen > availableFen
        ? t('alliance.withdraw.tooMuch', { amount: formatFen(availableFen) })
        : fen < MIN_WITHDRAWAL_FEN
          ? t('alliance.withdraw.min', { amount: formatFen(MIN_WITHDRAWAL_FEN) })
          : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid || fen === null) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await allianceApi.withdraw(key, fen));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setError(fields.amountFen ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="withdraw-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('alliance.withdraw.title')}</h3>
        <p className="muted small">{t('alliance.withdraw.available', { amount: formatFen(availableFen) })}</p>
        <label className={`field ${amount && invalid ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('alliance.withdraw.amount')}</span>
          <span className="al-suffix-input">
            <input inputMode="decimal" autoFocus value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="withdraw-amount" />
            <button type="button" className="link-btn" onClick={() => setAmount(fenToInput(availableFen))}>
              {t('alliance.withdraw.all')}
            </button>
          </span>
          {amount && invalid ? <span className="field-error">{invalid}</span> : <span className="field-hint">{t('alliance.withdraw.hint')}</span>}
        </label>
        <DialogFooter error={error} busy={busy} disabled={!!invalid} onCancel={onClose} submitLabel={t('alliance.withdraw.submit')} testId="withdraw-submit" />
      </form>
    </dialog>
  );
}

const LIMIT = 10;

export function WithdrawalList() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.withdrawals({ limit: LIMIT, offset }), [offset]);
  const page = list.data;
  return (
    <section className="mc-card mc-table-wrap">
      <h2 className="mc-card-title mc-table-meta">{t('alliance.earn.withdrawals')}</h2>
      {!page ? (
        list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : <Loading />
      ) : page.items.length === 0 ? (
        <Empty text={t('alliance.earn.withdrawalsEmpty')} />
      ) : (
        <>
          <table className="mc-table" data-testid="withdrawal-table">
            <thead>
              <tr>
                <th>{t('alliance.withdraw.col.id')}</th>
                <th>{t('alliance.withdraw.col.at')}</th>
                <th className="num">{t('alliance.withdraw.amount')}</th>
                <th>{t('alliance.withdraw.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((w) => (
                <tr key={w.id} data-testid="withdrawal-row">
                  <td className="mono small">{w.id}</td>
                  <td className="small nowrap muted">{formatTime(w.createdAt, lang)}</td>
                  <td className="num al-money">{formatFen(w.amountFen)}</td>
                  <td>
                    <span className={`status al-wd-${w.status}`}>{t(`alliance.withdraw.status.${w.status}`)}</span>
                    {w.failureReason && <div className="small al-warn">{w.failureReason}</div>}
                    {w.finishedAt && <div className="muted small">{formatTime(w.finishedAt, lang)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
