// One upload at a time, with its progress (0..1) and a way to cancel it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import type { Video } from '../types';
import { videoApi, type Upload } from '../video/videoApi';

export interface UploadState {
  progress: number | null;
  start: (videoId: string, file: File) => Promise<Video | null>;
  cancel: () => void;
  error: unknown;
}

export function useUpload(): UploadState {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<Upload | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (videoId: string, file: File) => {
    setError(null);
    setProgress(0);
    const up = videoApi.upload(videoId, file, setProgress);
    current.current = up;
    try {
      const video = await up.done;
      setProgress(1);
      return video;
    } catch (err) {
      if (!(err instanceof ApiError && err.problem.code === 'aborted')) setError(err);
      setProgress(null);
      return null;
    } finally {
      current.current = null;
    }
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { progress, start, cancel, error };
}
