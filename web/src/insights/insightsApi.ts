// Calls of insights (api.ts's request and errors) and the CSV download. The session rides on the
// same-origin cookie like every call, so the export is fetched (a failure shows as an error, not
// as a problem+json file saved to disk) and handed to the browser as a Blob URL.
import { ApiError, problemOf, request, withQuery } from '../api';
import type { ContentReport, CreatorReport, ExportTable, LiveMinutes, MyCreatorDashboard, PlatformDashboard, RangeQuery, StoreDashboard } from '../typesInsights';

const enc = encodeURIComponent;
const store = (storeId: string) => `/api/v1/merchant/stores/${enc(storeId)}/insights`;
const q = (r: RangeQuery) => ({ from: r.from, to: r.to });

export const insightsApi = {
  store: (storeId: string, r: RangeQuery) => request<StoreDashboard>('GET', withQuery(store(storeId), q(r))),
  content: (storeId: string, r: RangeQuery) => request<ContentReport>('GET', withQuery(`${store(storeId)}/content`, { ...q(r), limit: 50 })),
  creators: (storeId: string, r: RangeQuery) => request<CreatorReport>('GET', withQuery(`${store(storeId)}/creators`, { ...q(r), limit: 50 })),
  live: (storeId: string, roomId: string) => request<LiveMinutes>('GET', `${store(storeId)}/live/${enc(roomId)}`),
  storeExport: (storeId: string, table: ExportTable, r: RangeQuery) => withQuery(`${store(storeId)}/export`, { ...q(r), table }),

  mine: (r: RangeQuery) => request<MyCreatorDashboard>('GET', withQuery('/api/v1/me/creator/insights', q(r))),
  myLive: (roomId: string) => request<LiveMinutes>('GET', `/api/v1/me/creator/insights/live/${enc(roomId)}`),

  platform: (r: RangeQuery) => request<PlatformDashboard>('GET', withQuery('/api/v1/ops/insights/platform', q(r))),
  platformExport: (r: RangeQuery) => withQuery('/api/v1/ops/insights/platform/export', q(r)),
  opsStore: (storeId: string, r: RangeQuery) => request<StoreDashboard>('GET', withQuery(`/api/v1/ops/insights/stores/${enc(storeId)}`, q(r))),
};

/** The file name in a Content-Disposition header (`attachment; filename="x.csv"`). */
function fileNameOf(header: string | null): string | null {
  const m = header ? /filename="?([^";]+)"?/i.exec(header) : null;
  return m?.[1] ?? null;
}

/** Fetches a CSV export and saves it under the server's file name. */
export async function downloadCsv(path: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'text/csv, application/problem+json' } });
  } catch (err) {
    throw new ApiError({ type: 'urn:flywheel:problem:network', title: 'network', status: 0, code: 'network', detail: err instanceof Error ? err.message : 'Network error', requestId: '' });
  }
  if (!res.ok) throw new ApiError(problemOf(res.status, await res.text(), res.headers.get('x-request-id')));
  // blob() keeps the bytes as sent, BOM included, so spreadsheet apps read the Chinese right.
  const url = URL.createObjectURL(await res.blob());
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
