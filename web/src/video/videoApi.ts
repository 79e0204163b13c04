// Short-video calls. JSON ones share api.ts's error type; the upload uses XMLHttpRequest, because
// fetch reports no upload progress; a view is reported with keepalive so it survives leaving.
import { ApiError, problemOf, request, withQuery } from '../api';
import type { CommentPage, Creator, FollowResult, LikeResult, Video, VideoComment, VideoInput, VideoPage, VideoPatch, VideoStatus } from '../types';

const enc = encodeURIComponent;

const call = request;

export interface Upload {
  done: Promise<Video>;
  abort: () => void;
}

export const videoApi = {
  create: (body: VideoInput) => call<Video>('POST', '/api/v1/videos', body),
  get: (id: string) => call<Video>('GET', `/api/v1/videos/${enc(id)}`),
  mine: (q: { status?: VideoStatus; limit?: number; offset?: number } = {}) => call<VideoPage>('GET', withQuery('/api/v1/me/videos', q)),
  list: (q: { authorId?: string; productId?: string; limit?: number; offset?: number } = {}) => call<VideoPage>('GET', withQuery('/api/v1/videos', q)),
  update: (id: string, body: VideoPatch) => call<Video>('PATCH', `/api/v1/videos/${enc(id)}`, body),
  remove: (id: string) => call<null>('DELETE', `/api/v1/videos/${enc(id)}`),
  like: (id: string, on: boolean) => call<LikeResult>(on ? 'PUT' : 'DELETE', `/api/v1/videos/${enc(id)}/like`),
  comments: (id: string, cursor?: string) => call<CommentPage>('GET', withQuery(`/api/v1/videos/${enc(id)}/comments`, { limit: 20, cursor })),
  comment: (id: string, text: string) => call<VideoComment>('POST', `/api/v1/videos/${enc(id)}/comments`, { text }),
  deleteComment: (id: string, commentId: string) => call<null>('DELETE', `/api/v1/videos/${enc(id)}/comments/${enc(commentId)}`),
  creator: (id: string) => call<Creator>('GET', `/api/v1/creators/${enc(id)}`),
  followCreator: (id: string, on: boolean) => call<FollowResult>(on ? 'PUT' : 'DELETE', `/api/v1/creators/${enc(id)}/follow`),

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
