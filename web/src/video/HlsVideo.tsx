// A <video> playing an HLS master playlist: hls.js over Media Source Extensions where it can,
// the browser's own HLS (Safari, iOS) where not. hls.js is loaded only when a video is shown.
import { useEffect, useRef, type RefObject, type VideoHTMLAttributes } from 'react';

type Props = Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src'> & {
  src: string;
  videoRef?: RefObject<HTMLVideoElement | null>;
  /** Called when the stream cannot be played at all. */
  onFatal?: (reason: string) => void;
  /** Called when the browser refuses to start playing on its own (autoplay policy). */
  onBlocked?: () => void;
};

export function HlsVideo({ src, videoRef, onFatal, onBlocked, autoPlay, ...rest }: Props) {
  const own = useRef<HTMLVideoElement>(null);
  const ref = videoRef ?? own;
  const fatal = useRef(onFatal);
  fatal.current = onFatal;
  const blocked = useRef(onBlocked);
  blocked.current = onBlocked;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let cancelled = false;
    let destroy = () => {};
    const start = () => {
      if (!autoPlay) return;
      video.play().catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'NotAllowedError') blocked.current?.();
      });
    };
    void import('hls.js/light').then(
      ({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ capLevelToPlayerSize: true, maxBufferLength: 20 });
          let mediaRecoveries = 0;
          hls.on(Hls.Events.MANIFEST_PARSED, start);
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (!data.fatal) return;
            if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 2) hls.recoverMediaError();
            else {
              hls.destroy();
              fatal.current?.(data.details);
            }
          });
          hls.loadSource(src);
          hls.attachMedia(video);
          destroy = () => hls.destroy();
        } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
          video.src = src;
          start();
          destroy = () => {
            video.removeAttribute('src');
            video.load();
          };
        } else fatal.current?.('unsupported');
      },
      () => fatal.current?.('load'),
    );
    return () => {
      cancelled = true;
      destroy();
    };
  }, [src, ref, autoPlay]);

  return <video ref={ref} playsInline autoPlay={autoPlay} {...rest} />;
}
