// 发布视频 (/studio/new): the file and its details, then the upload with a progress bar; once the
// server has the file, the video's own page shows its processing.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Video } from '../types';
import { videoApi } from '../video/videoApi';
import { useUpload } from './useUpload';
import { VideoFields } from './VideoFields';
import { VideoFileInput } from './VideoFileInput';
import { emptyForm, foldFieldErrors, toInput, validate, type Errors, type VideoForm } from './videoForm';

export function StudioUpload() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState<VideoForm>(emptyForm);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Made on the first try; a failed upload is retried into the same video, not a new one.
  const [draft, setDraft] = useState<Video | null>(null);
  const upload = useUpload();

  async function publish() {
    const found = validate(form, t);
    if (!file) found.file = t('studio.err.file');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return setFormError(t('editor.fixErrors'));
    setBusy(true);
    try {
      const body = toInput(form);
      const video = draft ? await videoApi.update(draft.id, body) : await videoApi.create(body);
      setDraft(video);
      const sent = await upload.start(video.id, file!);
      if (sent) navigate(`/studio/videos/${sent.id}`, { replace: true, state: { justUploaded: true } });
    } catch (err) {
      if (err instanceof ApiError) setErrors(foldFieldErrors(err.fieldErrors()));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="studio-editor">
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/studio">{t('studio.nav.videos')}</Link> / {t('studio.nav.upload')}
          </div>
          <h1 className="mc-title">{t('studio.uploadTitle')}</h1>
          <p className="muted">{t('studio.uploadIntro')}</p>
        </div>
      </div>
      <div className="studio-grid">
        <div>
          <VideoFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} errors={errors} />
        </div>
        <section className={`mc-card studio-side ${errors.file ? 'field-invalid' : ''}`}>
          <h2 className="mc-card-title">{t('studio.file')}</h2>
          <VideoFileInput
            file={file}
            onFile={(f) => {
              setFile(f);
              setErrors(({ file: _drop, ...rest }) => rest);
            }}
            progress={upload.progress}
            error={upload.error}
            onCancel={upload.cancel}
          />
          {errors.file && <span className="field-error">{errors.file}</span>}
        </section>
      </div>
      <div className="editor-bar">
        {formError && <p className="form-error">{formError}</p>}
        <Link to="/studio" className="btn btn-ghost">
          {t('common.cancel')}
        </Link>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void publish()} data-testid="video-publish">
          {busy ? t('studio.publishing') : t('studio.publish')}
        </button>
      </div>
    </div>
  );
}
