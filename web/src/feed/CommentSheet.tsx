// 评论: a video's comments in a bottom sheet, newest first with "more" for older ones, and a box to
// write one (signed in). Shared by the feed and the video page. Comments are React text nodes,
// never HTML: what someone typed is shown exactly as typed. A comment the server accepted is
// also reported as a `comment` behaviour event (the one path by which comments reach the
// distribution engine; the server does not record its own `content.video.commented`).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { Sheet } from '../components/Sheet';
import '../styles/comments.css';
import { useI18n } from '../i18n';
import type { FeedEventSource, VideoComment } from '../types';
import { videoApi } from '../video/videoApi';
import { track } from './track';

/** What the server takes (Unicode code points, after trimming). */
const MAX_CHARS = 300;

interface Props {
  videoId: string;
  /** The count as the caller knows it (shown until the first page says otherwise). */
  count: number;
  source: FeedEventSource;
  position?: number;
  onCount: (n: number) => void;
  onClose: () => void;
}

export function CommentSheet({ videoId, count, source, position, onCount, onClose }: Props) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const location = useLocation();
  const [items, setItems] = useState<VideoComment[]>([]);
  const [total, setTotal] = useState(count);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(after?: string) {
    setLoading(true);
    try {
      const page = await videoApi.comments(videoId, after);
      setItems((old) => (after ? [...old, ...page.items.filter((c) => !old.some((o) => o.id === c.id))] : page.items));
      setCursor(page.nextCursor);
      setTotal(page.total);
      onCount(page.total);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first page, once per video
  }, [videoId]);

  const length = Array.from(text.trim()).length;
  const tooLong = length > MAX_CHARS;

  async function send(e: FormEvent) {
    e.preventDefault();
    if (sending || length === 0 || tooLong) return;
    setSending(true);
    try {
      const c = await videoApi.comment(videoId, text);
      setItems((old) => [c, ...old]);
      setTotal((n) => n + 1);
      onCount(total + 1);
      setText('');
      setError(null);
      track({ type: 'comment', itemType: 'video', itemId: videoId, source, ...(position !== undefined ? { position } : {}) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  async function remove(c: VideoComment) {
    try {
      await videoApi.deleteComment(videoId, c.id);
      setItems((old) => old.filter((o) => o.id !== c.id));
      setTotal((n) => Math.max(0, n - 1));
      onCount(Math.max(0, total - 1));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const footer = user ? (
    <form className="cm-form" onSubmit={(e) => void send(e)}>
      <input
        className="cm-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('feed.comments.placeholder')}
        aria-label={t('feed.comments.placeholder')}
        enterKeyHint="send"
        data-testid="comment-input"
      />
      <button type="submit" className="cm-send" disabled={sending || length === 0 || tooLong} data-testid="comment-send">
        {t('feed.comments.send')}
      </button>
    </form>
  ) : (
    <Link to="/login" state={{ from: location.pathname }} className="cm-login" data-testid="comment-login">
      {t('feed.comments.signIn')}
    </Link>
  );

  return (
    <Sheet title={<span data-testid="comment-count">{t('feed.comments.title', { n: total })}</span>} onClose={onClose} testId="comment-sheet" footer={footer}>
      <div className="cm">
      {(error || tooLong) && (
        <p className="cm-error" role="alert" data-testid="comment-error">
          {tooLong ? t('feed.comments.tooLong', { n: MAX_CHARS }) : error}
        </p>
      )}
      {items.length === 0 && !loading && !error && (
        <p className="cm-empty" data-testid="comment-empty">
          {t('feed.comments.empty')}
        </p>
      )}
      <ul className="cm-list">
        {items.map((c) => (
          <li key={c.id} className="cm-row" data-testid="comment-row" data-id={c.id}>
            <span className="cm-avatar" aria-hidden="true">
              {Array.from(c.author.name)[0] ?? '?'}
            </span>
            <div className="cm-body">
              <span className="cm-name">{c.author.name}</span>
              <p className="cm-text" data-testid="comment-text">
                {c.text}
              </p>
              <span className="cm-meta">
                {new Date(c.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}
                {c.canDelete && (
                  <button type="button" className="cm-delete" onClick={() => void remove(c)} data-testid="comment-delete">
                    {t('feed.comments.delete')}
                  </button>
                )}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {loading && <span className="spinner cm-spinner" aria-label={t('common.loading')} />}
      {!loading && cursor && (
        <button type="button" className="cm-more" onClick={() => void load(cursor)} data-testid="comment-more">
          {t('feed.comments.more')}
        </button>
      )}
      </div>
    </Sheet>
  );
}
