import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { useI18n } from '../i18n';
import { afterLogin, Field, splitErrors } from './authForm';

type Choice = 'shopper' | 'creator' | 'merchant';
const CHOICES: Choice[] = ['shopper', 'creator', 'merchant'];

export function Register() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Choice>('shopper');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setGeneral(null);
    if (password.length < 8) {
      setErrors({ password: t('auth.passwordTooShort') });
      return;
    }
    setBusy(true);
    try {
      const user = await auth.register({ email: email.trim(), password, displayName: displayName.trim(), ...(role === 'shopper' ? {} : { roles: [role] }) });
      navigate(afterLogin(from, user.roles.includes('merchant')), { replace: true });
    } catch (err) {
      const split = splitErrors(err, ['email', 'password', 'displayName', 'roles']);
      setErrors(split.fields);
      setGeneral(split.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <TopBar title={t('auth.register')} />
      <form className="card pad auth-form" onSubmit={submit} noValidate>
        <h1 className="auth-title">{t('auth.join')}</h1>
        <Field label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} testId="register-email" />
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          placeholder={t('auth.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          testId="register-password"
        />
        <Field label={t('auth.displayName')} autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} testId="register-name" />
        <fieldset className="field">
          <legend className="field-label">{t('auth.iAm')}</legend>
          <div className="role-choices">
            {CHOICES.map((c) => (
              <label key={c} className={`role-choice ${role === c ? 'on' : ''}`}>
                <input type="radio" name="role" value={c} checked={role === c} onChange={() => setRole(c)} data-testid={`register-role-${c}`} />
                <strong>{t(`role.${c}`)}</strong>
                <span className="muted small">{t(`auth.roleHint.${c}`)}</span>
              </label>
            ))}
          </div>
          {errors.roles && <span className="field-error">{errors.roles}</span>}
        </fieldset>
        {general && (
          <p className="form-error" role="alert">
            {general}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="register-submit">
          {busy ? t('common.working') : t('auth.register')}
        </button>
        <p className="auth-switch">
          {t('auth.haveAccount')} <Link to="/login" state={location.state}>{t('auth.login')}</Link>
        </p>
      </form>
    </>
  );
}
