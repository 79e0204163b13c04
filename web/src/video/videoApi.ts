// Short-video calls. JSON ones share api.ts's error type; the upload uses XMLHttpRequest, because
// fetch reports no upload progress; a view is reported with keepalive so it survives leaving.
import { ApiError } from '../api';
import type { LikeResult, Problem, Video, VideoInput, VideoPage, VideoPatch, VideoStatus } from '../types';

const enc = encodeURIComponent;

function problemOf(status: number, text: string, requestId: string | null): Problem {
  try {
    const data: unknown = text ? JSON.parse(text) : null;
    if (data && typeof data === 'object' && 'status' in data && 'code' in data) return data as Problem;
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: status === 0 ? 'network' : 'http_error', detail: status === 0 ? 'Network error' : `HTTP ${status}`, requestId: requestId ?? '' };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError({ ...problemOf(0, '', null), detail: err instanceof Error ? err.message : 'Network error' });
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(problemOf(res.status, text, res.headers.get('x-request-id')));
  return (text ? JSON.parse(text) : null) as T;
}

function query(q: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface Upload {
  done: Promise<Video>;
  abort: () => void;
}

export const videoApi = {
  create: (body: VideoInput) => call<Video>('POST', '/api/v1/videos', body),
  get: (id: string) => call<Video>('GET', `/api/v1/videos/${enc(id)}`),
  mine: (q: { status?: VideoStatus; limit?: number; offset?: number } = {}) => call<VideoPage>('GET', `/api/v1/me/videos${query(q)}`),
  list: (q: { authorId?: string; productId?: string; limit?: number; offset?: number } = {}) => call<VideoPage>('GET', `/api/v1/videos${query(q)}`),
  update: (id: string, body: VideoPatch) => call<Video>('PATCH', `/api/v1/videos/${enc(id)}`, body),
  remove: (id: string) => call<null>('DELETE', `/api/v1/videos/${enc(id)}`),
  like: (id: string, on: boolean) => call<LikeResult>(on ? 'PUT' : 'DELETE', `/api/v1/videos/${enc(id)}/like`),

  /** PUT the file as multipart field "file"; onProgress gets 0..1 as the bytes go out. */
  upload(id: string, file: File, onProgress: (fraction: number) => void): Upload {
    const xhr = new XMLHttpRequest();
    const done = new Promise<Video>((resolve, reject) => {
      xhr.open('PUT', `/api/v1/videos/${enc(id)}/source`);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as Video);
        else reject(new ApiError(problemOf(xhr.status, xhr.responseText, xhr.getResponseHeader('x-request-id'))));
      };
      xhr.onerror = () => reject(new ApiError(problemOf(0, '', null)));
      xhr.onabort = () => reject(new ApiError({ ...problemOf(0, '', null), code: 'aborted', detail: 'Upload cancelled' }));
      const form = new FormData();
      form.append('file', file);
      xhr.send(form);
    });
    return { done, abort: () => xhr.abort() };
  },

  /** One play and how long it was watched; sent with keepalive so it outlives the page. */
  reportView(id: string, watchMs: number): void {
    const body = JSON.stringify({ watchMs: Math.max(0, Math.min(6 * 3600 * 1000, Math.round(watchMs))) });
    void fetch(`/api/v1/videos/${enc(id)}/views`, { method: 'POST', keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
  },
};

/** 0:05 / 1:02:03 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
