/**
 * What the simulated plugin hands over at the end of a capture: the sealed container, and the
 * `on_capture_complete` result in the shape of Oz's on_capture_complete page (a box with `left`,
 * `top`, `right`, `bottom`; named landmarks as `[x, y]`; `additional_info` a string). No face
 * detection runs, so the box is a fixed one in the middle of each frame and the landmarks sit at
 * fixed places inside it.
 */
import { defectFor, packContainer, type ContainerMediaInput } from './container.js';
import type { Frame } from './media-capture.js';
import type {
  SimulatedAdapterResult,
  SimulatedBoundingBox,
  SimulatedCaptureResult,
  SimulatedLandmarks,
  SimulatedOpenOptions,
} from './plugin-types.js';
import { outcomeHint, type ScenarioName } from './scenarios.js';

/** What one action yielded. */
export interface ActionCapture {
  action: string;
  video: { type: string; bytes: Uint8Array } | null;
  frames: Frame[];
}

/** Everything about one finished capture that the container and the result are made from. */
export interface FinishedCapture {
  win: Window;
  options: SimulatedOpenOptions;
  scenario: ScenarioName;
  key: string | undefined;
  eventSessionId: string;
  captures: ActionCapture[];
  bestIndex: number;
  lang: string;
  actions: string[];
}

/** The simulated face box of a `width` × `height` frame. */
function faceBox(width: number, height: number): SimulatedBoundingBox {
  const left = Math.round(width * 0.3);
  const top = Math.round(height * 0.2);
  return { left, top, right: left + Math.round(width * 0.4), bottom: top + Math.round(height * 0.55) };
}

/** Landmarks at fixed fractions of `box`. */
function landmarks(box: SimulatedBoundingBox): SimulatedLandmarks {
  const at = (fx: number, fy: number): [number, number] => [
    Math.round(box.left + (box.right - box.left) * fx),
    Math.round(box.top + (box.bottom - box.top) * fy),
  ];
  return {
    left_eye: at(0.3, 0.4),
    right_eye: at(0.7, 0.4),
    nose_base: at(0.5, 0.62),
    mouth_bottom: at(0.5, 0.85),
    left_ear: at(0.02, 0.5),
    right_ear: at(0.98, 0.5),
  };
}

/** The container's media: each clip, and its stills (one when there is a clip, all without). */
function containerMedia(captures: ActionCapture[]): ContainerMediaInput[] {
  const media: ContainerMediaInput[] = [];
  for (const [i, c] of captures.entries()) {
    if (c.video)
      media.push({
        name: `${i}_${c.action}.${c.video.type.includes('mp4') ? 'mp4' : 'webm'}`,
        action: c.action,
        kind: 'video',
        type: c.video.type,
        bytes: c.video.bytes,
      });
    const stills = c.video ? [c.frames[Math.floor(c.frames.length / 2)]!] : c.frames;
    stills.forEach((f, n) =>
      media.push({
        name: `${i}_${c.action}_${n}.jpg`,
        action: c.action,
        kind: 'frame',
        type: 'image/jpeg',
        bytes: f.jpeg,
      }),
    );
  }
  return media;
}

/** Builds the `on_capture_complete` result and the sealed container. */
export async function packCapture(c: FinishedCapture): Promise<{ result: SimulatedCaptureResult; container: Blob }> {
  const o = c.options;
  const bestCapture = c.captures[c.bestIndex]!;
  const best = bestCapture.frames[Math.floor(bestCapture.frames.length / 2)]!;
  const mediaSource: 'video' | 'frames' = c.captures.some((a) => a.video) ? 'video' : 'frames';
  const userAgent = c.win.navigator.userAgent;
  const container = await packContainer({
    sessionToken: o.session_token ?? null,
    key: c.key,
    defect: defectFor(c.scenario),
    payload: {
      event_session_id: c.eventSessionId,
      meta: { ...(o.meta ?? {}) },
      actions: c.actions,
      lang: c.lang,
      params: { extract_best_shot: o.params?.extract_best_shot === true },
      simulation: { scenario: outcomeHint(c.scenario) },
      capture: {
        media_source: mediaSource,
        facing_mode: o.cameraFacingMode ?? 'user',
        device_id: o.device_id ?? null,
        user_agent: userAgent,
      },
    },
    media: containerMedia(c.captures),
  });
  const frames = c.captures.flatMap((a) => a.frames);
  const bestBox = faceBox(best.width, best.height);
  const result: SimulatedCaptureResult = {
    action: bestCapture.action,
    best_frame: best.jpegUrl,
    best_frame_png: best.pngUrl ?? best.jpegUrl,
    best_frame_bounding_box: bestBox,
    best_frame_landmarks: landmarks(bestBox),
    frame_list: frames.map((f) => f.jpegUrl),
    frame_bounding_box_list: frames.map((f) => faceBox(f.width, f.height)),
    frame_landmarks: frames.map((f) => landmarks(faceBox(f.width, f.height))),
    additional_info: JSON.stringify({
      simulator: true,
      scenario: c.scenario,
      actions: c.actions,
      media_source: mediaSource,
      event_session_id: c.eventSessionId,
      user_agent: userAgent,
    }),
  };
  return { result, container };
}

/** `on_result` / `on_complete` of the `normal` architecture: Oz's `status` result_mode shape. */
export function adapterResult(eventSessionId: string, finished: boolean): SimulatedAdapterResult {
  const state = finished ? 'finished' : 'processing';
  return {
    state,
    event_session_id: eventSessionId,
    analyses: { quality: { state, resolution: finished ? 'success' : '' } },
  };
}
