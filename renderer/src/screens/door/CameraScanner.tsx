import { useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';
import { useTranslation } from 'react-i18next';

/** The same code seen again within this time is one scan, not two. */
const REPEAT_MS = 3000;
const SCAN_EVERY_MS = 150;

/** Why the camera did not start, as the key of its words. */
function cameraProblem(e: unknown): 'notAllowed' | 'notFound' | 'busy' | 'failed' {
  const name = (e as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'notAllowed';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError') return 'busy';
  return 'failed';
}

/**
 * Reads QR codes from the camera with jsQR. The camera is asked for only when this appears (the
 * usher pressed "Use camera") and is switched off when it goes.
 */
export function CameraScanner({ onCode, paused }: { onCode(text: string): void; paused: boolean }) {
  const { t } = useTranslation('door');
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<ReturnType<typeof cameraProblem> | null>(null);
  const [live, setLive] = useState(false);
  const onCodeRef = useRef(onCode);
  const pausedRef = useRef(paused);
  useEffect(() => {
    onCodeRef.current = onCode;
    pausedRef.current = paused;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const last = { text: '', at: 0 };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return;
        const video = videoRef.current!;
        video.srcObject = stream;
        await video.play();
        setLive(true);
        timer = setInterval(() => {
          if (pausedRef.current || !context || video.videoWidth === 0) return;
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          if (!found?.data) return;
          const now = Date.now();
          if (found.data === last.text && now - last.at < REPEAT_MS) return;
          last.text = found.data;
          last.at = now;
          onCodeRef.current(found.data);
        }, SCAN_EVERY_MS);
      } catch (e) {
        if (!stopped) setProblem(cameraProblem(e));
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <div className="camera-scanner" data-testid="door-camera">
      {problem ? (
        <p className="field-error" role="alert" data-testid="door-camera-problem">
          <span aria-hidden="true">⚠ </span>
          {t(`camera.${problem}`)}
        </p>
      ) : (
        <>
          <video ref={videoRef} className="camera-video" muted playsInline aria-label={t('camera.picture')} />
          {!live && <p className="muted">{t('camera.starting')}</p>}
        </>
      )}
    </div>
  );
}
