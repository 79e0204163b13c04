// What the desk's pages share through the layout's outlet: me as an agent, and refreshers.
import { useOutletContext } from 'react-router';
import type { CareAction, CareAlert, DeskMe } from '../typesCare';

export interface DeskCtx {
  me: DeskMe;
  reloadMe: () => void;
  approvals: CareAction[];
  reloadApprovals: () => void;
  alerts: CareAlert[];
  reloadAlerts: () => void;
  /** Whether I may act on (not only read) a ticket of this queue. */
  canAct: (queue: 'store' | 'platform') => boolean;
}

export function useDesk(): DeskCtx {
  return useOutletContext<DeskCtx>();
}
