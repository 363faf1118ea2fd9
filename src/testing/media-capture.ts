/**
 * Getting bytes out of the camera: video clips through `MediaRecorder` where it yields any, still
 * JPEG frames from a canvas always (WebKitGTK's MediaRecorder produces 0 bytes, older Safari has
 * none). Browser-only functions, but nothing runs at import time, so Node can import the module.
 */
import { base64ToBytes, bytesToBase64 } from './encoding.js';

/** A running recording; `stop()` yields the clip, or `null` when the browser produced nothing. */
export interface Recording {
  stop(): Promise<{ type: string; bytes: Uint8Array } | null>;
  /** Stops without waiting for data (the session was closed). */
  abort(): void;
}

const RECORDER_TYPES = ['video/webm;codecs=vp8', 'video/webm', 'video/mp4'];

/** Starts recording `stream`, or returns `null` when this browser can't record at all. */
export function startRecording(win: Window, stream: MediaStream): Recording | null {
  const Recorder = (win as Window & { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
  if (typeof Recorder !== 'function') return null;
  const mimeType = RECORDER_TYPES.find((t) => Recorder.isTypeSupported?.(t));
  let recorder: MediaRecorder;
  try {
    recorder = new Recorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 600_000 } : undefined);
    recorder.start(250); // timeslices: some engines only deliver data per slice, never on stop
  } catch {
    return null;
  }
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  });
  return {
    async stop() {
      if (recorder.state !== 'inactive') {
        await new Promise<void>((resolve) => {
          recorder.addEventListener('stop', () => resolve(), { once: true });
          // Guard: a recorder whose pipeline is broken may never fire `stop` (seen in WebKitGTK).
          win.setTimeout(resolve, 1500);
          try {
            recorder.stop();
          } catch {
            resolve();
          }
        });
      }
      const blob = new Blob(chunks, { type: recorder.mimeType || mimeType || 'video/webm' });
      if (blob.size === 0) return null;
      return { type: blob.type.split(';')[0]!, bytes: new Uint8Array(await blob.arrayBuffer()) };
    },
    abort() {
      try {
        if (recorder.state !== 'inactive') recorder.stop();
      } catch {
        // already stopped with its stream: nothing to release
      }
    },
  };
}

/** One still frame. */
export interface Frame {
  jpeg: Uint8Array;
  /** `data:image/jpeg;base64,…` of the same bytes. */
  jpegUrl: string;
  /** `data:image/png;base64,…`, only when asked for (it is slow and large). */
  pngUrl?: string;
  width: number;
  height: number;
}

const MAX_FRAME_WIDTH = 640;

/**
 * Draws the current video frame to a canvas and encodes it. Without a decoded frame (a camera that
 * delivers nothing yet) it draws a labelled placeholder, so the capture still yields a valid JPEG.
 */
export async function grabFrame(win: Window, video: HTMLVideoElement, options: { png?: boolean } = {}): Promise<Frame> {
  const ready = video.readyState >= 2 && video.videoWidth > 0;
  const scale = ready ? Math.min(1, MAX_FRAME_WIDTH / video.videoWidth) : 1;
  const width = ready ? Math.round(video.videoWidth * scale) : 480;
  const height = ready ? Math.round(video.videoHeight * scale) : 360;
  const canvas = win.document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('2D canvas is unavailable');
  if (ready) {
    g.drawImage(video, 0, 0, width, height);
  } else {
    g.fillStyle = '#333';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#fff';
    g.font = '20px sans-serif';
    g.fillText('Oz simulator: no camera frame', 20, height / 2);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  const jpeg = blob
    ? new Uint8Array(await blob.arrayBuffer())
    : base64ToBytes(canvas.toDataURL('image/jpeg', 0.85).split(',')[1] ?? '');
  return {
    jpeg,
    jpegUrl: `data:image/jpeg;base64,${bytesToBase64(jpeg)}`,
    pngUrl: options.png ? canvas.toDataURL('image/png') : undefined,
    width,
    height,
  };
}

/** Resolves once `video` has a decoded frame, or after `maxMs` (then frames are placeholders). */
export function whenVideoReady(win: Window, video: HTMLVideoElement, maxMs: number): Promise<void> {
  if (video.readyState >= 2 && video.videoWidth > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      win.clearTimeout(timer);
      win.clearInterval(poll);
      video.removeEventListener('loadeddata', check);
      resolve();
    };
    const check = () => {
      if (video.readyState >= 2 && video.videoWidth > 0) done();
    };
    // Events alone are not enough: a hidden or paused element may never fire them.
    const poll = win.setInterval(check, 50);
    const timer = win.setTimeout(done, maxMs);
    video.addEventListener('loadeddata', check);
  });
}

/** Stops every track of `stream` (releases the camera; the track's `readyState` becomes `ended`). */
export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}
