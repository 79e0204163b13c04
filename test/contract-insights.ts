// Compile-time contract of insights (like test/contract.ts, in its own file so the two areas do
// not edit one file): the web app's types in web/src/typesInsights.ts must be exactly what the
// server's route schemas produce. `npm run typecheck` checks it.
import type { Static } from '@sinclair/typebox';
import type { ContentReport, ContentRowSchema, CreatorReport, LiveMinutesSchema, MyCreatorDashboard, PlatformDashboardSchema, RangeQuery, StoreDashboardSchema } from '../src/modules/insights/schemas.ts';
import type * as Web from '../web/src/typesInsights.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;

agree<Same<Web.StoreDashboard, Static<typeof StoreDashboardSchema>>>();
agree<Same<Web.ContentRow, Static<typeof ContentRowSchema>>>();
agree<Same<Web.ContentReport, Static<typeof ContentReport>>>();
agree<Same<Web.LiveMinutes, Static<typeof LiveMinutesSchema>>>();
agree<Same<Web.CreatorReport, Static<typeof CreatorReport>>>();
agree<Same<Web.MyCreatorDashboard, Static<typeof MyCreatorDashboard>>>();
agree<Same<Web.PlatformDashboard, Static<typeof PlatformDashboardSchema>>>();
agree<Same<Web.RangeQuery, Static<typeof RangeQuery>>>();
