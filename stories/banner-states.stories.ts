/**
 * Every status of `<oz-result-banner>` and every kind of error, each exactly as a check would share
 * it, with the support reference a person would read out. Deterministic (no camera, no timing), so
 * they are also the pictures of docs/gallery (`npm run gallery`, the `gallery` tag) and each is
 * checked by axe (`npm run storybook:check`).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { OzLivenessSnapshot } from '../src/context.js';
import { toResult, type OzFolder } from '../src/core/decision.js';
import { kitError, pluginError } from '../src/core/errors.js';
import type { OzResultBanner } from '../src/result-banner/result-banner.js';
import { storyCheck } from './support/state-host.js';
import { bannerIn } from './support/flow.js';
import { h, renderElement } from './support/render.js';

type Story = StoryObj;

const meta: Meta = {
  title: 'States/oz-result-banner',
  component: 'oz-result-banner',
  tags: ['gallery'],
};
export default meta;

const folder = (system_resolution: string, resolution_status = 'FINISHED'): OzFolder => ({
  folder_id: '5c8d2e1a-7f3b-4c9e-a1d6-0b2f4e6a8c10',
  resolution_status,
  system_resolution,
  analyses: [
    {
      type: 'QUALITY',
      state: 'FINISHED',
      resolution_status: system_resolution === 'FAILED' ? 'FAILED' : system_resolution,
    },
    { type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'SUCCESS' },
  ],
});
const REQUEST_ID = '0f8e2c4a-9b7d-4e21-a3c6-5d1f0e9b8a77';

/** A story of the banner inside a check that shares `snapshot`. */
function state(snapshot: OzLivenessSnapshot, expected: OzResultBanner['status'], story: string): Story {
  return {
    render: (args, context) => storyCheck(snapshot, renderElement(args, context)),
    parameters: { docs: { description: { story } } },
    play: async ({ canvasElement }) => {
      const banner = bannerIn(canvasElement);
      await waitFor(() => expect(banner.status).toBe(expected));
      await banner.updateComplete;
    },
  };
}

export const Idle = {
  ...state({ state: 'idle' }, 'idle', 'Nothing yet: no room taken, the live region ready.'),
  name: 'Idle',
};
export const Loading = { ...state({ state: 'loading' }, 'pending', 'The check is loading.'), name: 'Pending: loading' };
export const Starting = {
  ...state({ state: 'starting' }, 'pending', 'The camera is starting.'),
  name: 'Pending: starting',
};
export const Capturing = {
  ...state({ state: 'capturing' }, 'pending', 'The person follows the instructions on screen.'),
  name: 'Pending: capturing',
};
export const Uploading = {
  ...state(
    { state: 'uploading', progress: { loaded: 420_000, total: 1_000_000 }, analysing: false },
    'pending',
    'Sending, with the share sent.',
  ),
  name: 'Pending: sending (42%)',
};
export const Analysing = {
  ...state(
    { state: 'uploading', progress: { loaded: 1_000_000, total: 1_000_000 }, analysing: true },
    'pending',
    'Everything is sent and the result is being worked out: an indeterminate bar, not a full one that looks stuck.',
  ),
  name: 'Pending: analysing',
};
export const Accept = {
  ...state({ state: 'done', result: toResult(folder('SUCCESS')) }, 'accept', 'Passed.'),
  name: 'Passed',
};
export const Reject = {
  ...state(
    { state: 'done', result: toResult(folder('DECLINED')) },
    'reject',
    'Declined: what to do before trying again.',
  ),
  name: 'Not passed',
};
export const Failed = {
  ...state(
    { state: 'done', result: toResult(folder('FAILED', 'FAILED')) },
    'failed',
    'A technical problem: no result either way. The check’s id is the reference.',
  ),
  name: 'Could not be completed',
};

/** `show-details` is a staff view (back office, design review), never the person's: which analysis failed is jargon to a customer and a hint to a fraudster. */
export const StaffView = {
  ...state(
    { state: 'done', result: toResult(folder('DECLINED')) },
    'reject',
    'Staff view (`show-details`): one row per analysis. For a back office or a design review, not for the person.',
  ),
  name: 'Staff view: show-details',
  args: { 'show-details': true },
};

const error = (detail: ReturnType<typeof kitError>, story: string) =>
  state({ state: 'error', error: detail }, 'error', story);

export const CameraDenied = {
  ...error(
    kitError('camera-denied', 'browser: chrome', { messageKey: 'error.camera-denied.chrome' }),
    'Camera: the person refused the camera; how to allow it in this browser (Chrome/Edge here).',
  ),
  name: 'Error (camera): refused',
};
export const CameraDeniedSafari = {
  ...error(
    kitError('camera-denied', 'browser: safari', { messageKey: 'error.camera-denied.safari' }),
    'Camera: refused, in Safari.',
  ),
  name: 'Error (camera): refused in Safari',
};
export const InsecureContext = {
  ...error(kitError('insecure-context'), 'Camera: the page is not a secure context.'),
  name: 'Error (camera): page not secure',
};
export const CameraPolicy = {
  ...error(
    kitError('camera-unsupported', 'policy', { messageKey: 'error.camera-unsupported.policy' }),
    'Camera: a permissions policy forbids it.',
  ),
  name: 'Error (camera): not allowed on this page',
};
export const Network = {
  ...error(
    kitError('upload-failed', 'HTTP 502', { status: 502, requestId: REQUEST_ID }),
    'Network: the upload failed; the request id from the backend is the reference.',
  ),
  name: 'Error (network): sending failed',
};
export const NetworkToken = {
  ...error(
    kitError('session-token-failed', 'HTTP 503', { status: 503, requestId: 'req-5b1c9d' }),
    'Network: the check could not start.',
  ),
  name: 'Error (network): could not start',
};
export const CheckRejected = {
  ...error(
    kitError('container-rejected', 'HTTP 400', { status: 400, ozErrorCode: 14, requestId: REQUEST_ID }),
    'The check itself: Oz rejected what arrived; Oz’s error_code and the request id.',
  ),
  name: 'Error (check): rejected by Oz',
};
export const CheckPlugin = {
  ...error(
    pluginError({ code: 'error_wasm_internal_failure_3', event_session_id: 'a41f0c2e-58b7-4d93-9e16-3c7b2d0f5e84' }),
    'The check itself: the plugin failed; its telemetry id is the reference.',
  ),
  name: 'Error (check): plugin',
};
export const CheckConfig = {
  ...error(
    kitError('invalid-config', 'actions', { field: 'actions' }),
    'The check itself: set up wrongly by the site.',
  ),
  name: 'Error (check): set up wrongly',
};
export const Browser = {
  ...error(kitError('wasm-unsupported'), 'The browser: no WebAssembly.'),
  name: 'Error (browser): no WebAssembly',
};
export const BrowserMemory = {
  ...error(
    pluginError({ code: 'error_wasm_internal_failure_2', event_session_id: 'e7c3a9d1-2b4f-4a68-8d05-6f1e3b9c7a22' }),
    'The browser or device: out of memory.',
  ),
  name: 'Error (browser): out of memory',
};

export const RightToLeft: Story = {
  ...error(
    kitError('upload-failed', 'HTTP 502', { status: 502, requestId: REQUEST_ID }),
    'An Arabic, right-to-left page: the kit has no Arabic words, so its English card is laid out left to right (the icon next to the text it belongs to), the ids keep their order.',
  ),
  name: 'Right-to-left page (Arabic)',
  decorators: [
    (story) =>
      h(
        'section',
        { dir: 'rtl', lang: 'ar' },
        h('h2', {}, 'تحقق من هويتك'),
        h('p', {}, 'صفحة البنك باللغة العربية.'),
        story() as Node,
      ),
  ],
};

export const Russian: Story = {
  ...error(
    kitError('container-rejected', 'HTTP 400', { status: 400, ozErrorCode: 14, requestId: REQUEST_ID }),
    'A Russian page (`<html lang=ru>` or any `[lang=ru]` around): Cyrillic words, the same card.',
  ),
  name: 'Could not be completed, in Russian',
  args: { lang: 'ru', 'support-contact': 'Нужна помощь? Позвоните нам: 8 800 123-45-67.' },
};

export const Spanish: Story = {
  ...error(
    kitError('camera-denied', 'browser: firefox', { messageKey: 'error.camera-denied.firefox' }),
    'In Spanish (usted), whatever the toolbar says.',
  ),
  name: 'Error (camera) in Spanish',
  args: { lang: 'es' },
};
