// Payouts, assembled: the sandbox payout bank (the provider's own side), our adapter to it, the
// payout service, its webhook route and the bank's job handlers. The composition root calls
// register() before jobs start and routes(app) before app.ready().
import type { Db } from '../../../platform/db/index.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import type { App } from '../../../platform/http/server.ts';
import type { JobQueue } from '../../../platform/jobs/queue.ts';
import type { Log } from '../../../platform/log.ts';
import { payoutRoutes } from './routes.ts';
import { SandboxPayoutBank } from './sandbox.ts';
import { SandboxPayoutProvider } from './sandbox-provider.ts';
import { PayoutService } from './service.ts';

export interface PayoutsOptions {
  /** The sandbox bank's webhook signing secret (never logged). */
  secret: string;
  /** How long the sandbox bank takes to settle a transfer. */
  processDelayMs: number;
  /** Each webhook delivery waits a random 0…maxDelayMs first. */
  maxDelayMs: number;
  /** Chance (0…1) that a webhook is delivered twice. */
  duplicateRate: number;
  /** Base URL of this server, read at delivery time (known only after listen()). */
  webhookBase: () => string;
  log?: Log;
  /** Randomness of the sandbox bank's deliveries (tests pin it). */
  random?: () => number;
}

export interface Payouts {
  service: PayoutService;
  /** The sandbox bank's own side (its records, for tests and demos). */
  bank: SandboxPayoutBank;
  /** Mounts the webhook route (its own plugin scope: await it before app.ready()). */
  routes(app: App): Promise<void>;
  /** Registers the sandbox bank's job handlers (settlement, webhook delivery). */
  register(): void;
}

export function createPayouts(db: Db, bus: EventBus, jobs: JobQueue, opts: PayoutsOptions): Payouts {
  const bank = new SandboxPayoutBank(db, jobs, {
    secret: opts.secret,
    processDelayMs: opts.processDelayMs,
    maxDelayMs: opts.maxDelayMs,
    duplicateRate: opts.duplicateRate,
    webhookBase: opts.webhookBase,
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const service = new PayoutService(db, bus, new SandboxPayoutProvider(bank, opts.secret), opts.log);
  return {
    service,
    bank,
    routes: (app) => payoutRoutes(app, service),
    register: () => bank.registerJobs(),
  };
}
