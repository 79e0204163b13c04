// A video in the studio (/studio/videos/:videoId): its status (polled while processing), its
// details and goods (saved with PATCH), hide/show and delete.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Video } from '../types';
import { videoApi } from '../video/videoApi';
import { PoolPanel } from './PoolPanel';
import { StatusPanel } from './StatusPanel';
import { VideoFields } from './VideoFields';
import { foldFieldErrors, formOf, toInput, validate, type Errors, type VideoForm } from './videoForm';

const POLL_MS = 1500;

export function StudioVideo() {
  const { videoId = '' } = useParams();
  const video = useLoad(() => videoApi.get(videoId), [videoId]);
  const { setData } = video;
  const status = video.data?.status;

  // Processing runs in the background: ask again until it is ready or failed.
  useEffect(() => {
    if (status !== 'processing') return;
    const timer = window.setInterval(() => {
      videoApi.get(videoId).then(
        (v) => {
          if (v.status !== 'processing') setData(v);
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [status, videoId, setData]);

  if (video.loading && !video.data) return <Loading />;
  if (video.error || !video.data) return <ErrorBox error={video.error} onRetry={video.reload} />;
  return <Editor key={video.data.id} video={video.data} onChange={setData} />;
}

function Editor({ video, onChange }: { video: Video; onChange: (v: Video) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState<VideoForm>(() => formOf(video));
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<Video | null>, done: string): Promise<boolean> {
    setBusy(true);
    setNote(null);
    try {
      const v = await work();
      if (v) onChange(v);
      setNote({ ok: true, text: done });
      return true;
    } catch (err) {
      if (err instanceof ApiError) setErrors(foldFieldErrors(err.fieldErrors()));
      setNote({ ok: false, text: errorMessage(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  function save() {
    const found = validate(form, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return setNote({ ok: false, text: t('editor.fixErrors') });
    void act(() => videoApi.update(video.id, toInput(form)), t('editor.saved'));
  }

  const hide = video.visibility === 'public';
  const toggle = () => void act(() => videoApi.update(video.id, { visibility: hide ? 'hidden' : 'public' }), hide ? t('studio.hidden') : t('studio.shown'));
  async function remove() {
    if (!window.confirm(t('studio.deleteConfirm', { title: video.title }))) return;
    if (await act(() => videoApi.remove(video.id), t('studio.deleted'))) navigate('/studio', { replace: true });
  }

  return (
    <div className="studio-editor">
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/studio">{t('studio.nav.videos')}</Link> / {t('studio.editTitle')}
          </div>
          <h1 className="mc-title" data-testid="studio-video-title">
            {video.title}
          </h1>
          <p className="muted">{t('studio.createdAt', { at: new Date(video.createdAt).toLocaleString() })}</p>
        </div>
        <div className="row-gap">
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={toggle} data-testid="video-visibility">
            {hide ? t('studio.hide') : t('studio.show')}
          </button>
          <button type="button" className="btn btn-danger-ghost" disabled={busy} onClick={() => void remove()} data-testid="video-delete">
            {t('common.remove')}
          </button>
        </div>
      </div>
      <div className="studio-grid">
        <div>
          {video.status === 'ready' && <PoolPanel video={video} />}
          <VideoFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} errors={errors} />
        </div>
        <StatusPanel video={video} onChange={onChange} />
      </div>
      <div className="editor-bar">
        {note && <p className={note.ok ? 'form-ok' : 'form-error'}>{note.text}</p>}
        <button type="button" className="btn btn-primary" disabled={busy} onClick={save} data-testid="video-save">
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}
