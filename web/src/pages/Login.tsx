import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { useI18n } from '../i18n';
import { afterLogin, Field, splitErrors } from './authForm';

export function Login() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const user = await auth.login(email.trim(), password);
      navigate(afterLogin(from, user.roles.includes('merchant')), { replace: true });
    } catch (err) {
      const split = splitErrors(err, ['email', 'password']);
      setErrors(split.fields);
      setGeneral(split.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <TopBar title={t('auth.login')} />
      <form className="card pad auth-form" onSubmit={submit} noValidate>
        <h1 className="auth-title">{t('auth.welcome')}</h1>
        <Field label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} testId="login-email" required />
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          testId="login-password"
          required
        />
        {general && (
          <p className="form-error" role="alert" data-testid="login-error">
            {general}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
          {busy ? t('common.working') : t('auth.login')}
        </button>
        <p className="auth-switch">
          {t('auth.noAccount')} <Link to="/register" state={location.state}>{t('auth.register')}</Link>
        </p>
        <p className="muted small">{t('auth.demoHint')}</p>
      </form>
    </>
  );
}
