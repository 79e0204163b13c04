// 平台客服 (/ops/care): the platform's agents (the escalation desk) and a link to the desk.
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { AgentsPanel } from './AgentsPanel';
import { careApi } from './careApi';

export function OpsCare() {
  const { t } = useI18n();
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('care.ops.title')}</h1>
          <p className="muted">{t('care.ops.sub')}</p>
        </div>
        <Link to="/desk" className="btn btn-primary">
          {t('care.m.openDesk')}
        </Link>
      </div>
      <AgentsPanel load={careApi.opsAgents} add={careApi.addOpsAgent} hint={t('care.ops.agentHint')} />
    </>
  );
}
