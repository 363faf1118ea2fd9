/**
 * `<oz-liveness-check>`: every state a person can meet, on the simulator. The plugin is the
 * simulator's classic script (`plugin-src`), the camera is the browser's, and the backend route is
 * the real backend half running in the page (stories/support/network.ts). Controls and docs come
 * from custom-elements.json.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { OzLivenessCheck } from '../src/liveness-check/liveness-check.js';
import type { ScenarioName } from '../src/testing/index.js';
import {
  UNTIL_CAPTURE_NOW,
  bannerIn,
  checkIn,
  closeSimulatorWindow,
  pluginSrc,
  pressStart,
  untilError,
  untilLivePreview,
  untilState,
  untilUploadProgress,
} from './support/flow.js';
import { slowPluginScript, untilLoading } from './support/loading.js';
import { BACKEND, type SimulatedNetwork } from './support/network.js';
import { h, renderElement } from './support/render.js';

type Story = StoryObj;

const meta: Meta = {
  title: 'oz-liveness-check',
  component: 'oz-liveness-check',
  // The banner in the default slot follows the check (through context) and shows its outcome.
  render: (args, context) => {
    const check = renderElement<OzLivenessCheck>(args, context);
    check.append(h('oz-result-banner', {}));
    return check;
  },
  args: {
    'plugin-src': pluginSrc('accept'),
    'session-token-url': BACKEND.sessionToken,
    'backend-url': BACKEND.container,
    meta: { transaction_id: 'storybook' },
  },
  parameters: { ozNetwork: {} satisfies SimulatedNetwork },
};
export default meta;

/** A story that presses Start and waits for `code`. */
function failsWith(code: string, scenario: ScenarioName = 'accept', description?: string): Story {
  return {
    args: { 'plugin-src': pluginSrc(scenario) },
    ...(description ? { parameters: { docs: { description: { story: description } } } } : {}),
    play: async ({ canvasElement }) => {
      const check = checkIn(canvasElement);
      await pressStart(check);
      await untilError(check, code);
    },
  };
}

export const Idle: Story = {
  parameters: {
    docs: {
      description: {
        story:
          'Nothing has happened yet. **Start** opens the simulator with your camera; it captures after a few seconds, or at **Capture now**.',
      },
    },
  },
};

export const LoadingThePlugin: Story = {
  ...slowPluginScript,
  name: 'Loading the plugin',
  parameters: {
    docs: {
      description: {
        story:
          'The plugin script comes over a slow network (a service worker holds it back). After 30 s without it the element gives up with `plugin-load-failed`, which a new Start retries.',
      },
    },
  },
  play: untilLoading,
};

export const Capturing: Story = {
  name: 'Capturing (live preview)',
  args: { 'plugin-src': pluginSrc('accept', UNTIL_CAPTURE_NOW) },
  parameters: {
    docs: {
      description: {
        story:
          "The simulator's window shows the camera's live picture and waits for **Capture now**; the check says what is going on below.",
      },
    },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilState(check, 'capturing');
    await untilLivePreview();
  },
};

export const Uploading: Story = {
  name: 'Uploading with progress',
  parameters: {
    ozNetwork: { uploadMs: 45_000 } satisfies SimulatedNetwork,
    docs: {
      description: {
        story: 'A slow uplink carries the container for 45 s; the banner shows the progress, then the result.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilState(check, 'uploading');
    await untilUploadProgress(bannerIn(canvasElement));
  },
};

export const Done: Story = {
  parameters: {
    docs: { description: { story: 'The backend answered; the decision (here: passed) is in the banner.' } },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilState(check, 'done');
    await expect(check.result?.decision).toBe('accept');
  },
};

export const NextStep: Story = {
  name: 'Passed: what comes next (next slot)',
  render: (args, context) => {
    const check = renderElement<OzLivenessCheck>(args, context);
    check.append(h('a', { slot: 'next', href: '#continue' }, 'Continue to the next step'), h('oz-result-banner', {}));
    return check;
  },
  parameters: {
    docs: {
      description: {
        story:
          'After a passed check the button is gone (nothing to do again); a link of the page in the `next` slot takes its place.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilState(check, 'done');
    await expect(check.shadowRoot!.querySelector('[part=button]')).toBeNull();
  },
};

export const InvalidConfiguration: Story = {
  name: 'Invalid configuration',
  ...failsWith(
    'invalid-config',
    'accept',
    'An action the plugin does not know: the element reports `invalid-config` (with `field`) and never opens the plugin.',
  ),
  args: { actions: ['video_selfie_moonwalk'] },
};

export const PluginFailedToLoad: Story = {
  name: 'Plugin failed to load',
  ...failsWith('plugin-load-failed', 'accept', 'The plugin script answers 404. Start tries again.'),
  args: { 'plugin-src': 'simulator/no-such-plugin.js' },
  // The browser logs the 404 to the console; scripts/storybook-check.mjs allows that here, nothing else.
  tags: ['expect-404'],
};

export const WasmError1: Story = {
  ...failsWith(
    'error_wasm_internal_failure_1',
    'error_wasm_internal_failure_1',
    'No WebAssembly in this browser, at open: not retryable, the person needs another browser or device.',
  ),
  name: 'WASM error 1 (no WebAssembly)',
};
export const WasmError2: Story = {
  ...failsWith(
    'error_wasm_internal_failure_2',
    'error_wasm_internal_failure_2',
    'Not enough memory, once the camera runs: not retryable.',
  ),
  name: 'WASM error 2 (memory)',
};
export const WasmError3: Story = {
  ...failsWith(
    'error_wasm_internal_failure_3',
    'error_wasm_internal_failure_3',
    'The container could not be made, after the capture: **Try again**.',
  ),
  name: 'WASM error 3 (container)',
};
export const WasmError1000: Story = {
  ...failsWith(
    'error_wasm_internal_failure_1000',
    'error_wasm_internal_failure_1000',
    'Another container failure, after the capture: **Try again**.',
  ),
  name: 'WASM error 1000 (container)',
};

export const SessionTokenFailed: Story = {
  name: 'Session token failed',
  ...failsWith('session-token-failed'),
  parameters: {
    ozNetwork: { ozDown: { sessionToken: 1 } } satisfies SimulatedNetwork,
    docs: {
      description: {
        story:
          'Oz API is unreachable when the backend asks for a session token (the backend answers 502). **Try again** gets one.',
      },
    },
  },
};

const ozDownForUploads: SimulatedNetwork = { ozDown: { container: 3 } };

export const UploadFailed: Story = {
  name: 'Upload failed (retry)',
  ...failsWith('upload-failed', 'accept'),
  parameters: {
    ozNetwork: ozDownForUploads,
    docs: {
      description: {
        story:
          'Oz API is unreachable for the upload and its two retries (502 each time). The container is kept: **Try again** sends the same bytes again, and now it goes through.',
      },
    },
  },
};

export const UploadRetried: Story = {
  name: 'Upload failed, then retried',
  parameters: {
    ozNetwork: ozDownForUploads,
    docs: {
      description: {
        story: 'As above, and the person presses **Try again**: the kept container is sent again and accepted.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilError(check, 'upload-failed');
    await pressStart(check); // the same button, now "Try again": retryUpload()
    await untilState(check, 'done');
    await expect(check.result?.decision).toBe('accept');
  },
};

export const ContainerRejected: Story = {
  ...failsWith(
    'container-rejected',
    'container_error_14',
    'Oz API refuses the container (HTTP 400, `error_code` 14: its signature does not check out). Never re-sent as is; **Try again** makes a new capture.',
  ),
  name: 'Container rejected (14)',
};

export const ClosedByTheUser: Story = {
  name: 'Closed by the user',
  args: { 'plugin-src': pluginSrc('accept', UNTIL_CAPTURE_NOW) },
  parameters: {
    docs: {
      description: {
        story:
          "The person closes the simulator's window before the capture: `oz-close` with `reason: 'user'`, and the check is ready to start again.",
      },
    },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    const closed = new Promise<string>((resolve) =>
      check.addEventListener('oz-close', (e) => resolve(e.detail.reason), { once: true }),
    );
    await pressStart(check);
    await untilLivePreview();
    await closeSimulatorWindow();
    await expect(await closed).toBe('user');
    await untilState(check, 'ready');
  },
};

export const Themed: Story = {
  name: 'Theming (custom properties)',
  args: { '--oz-check-accent': '#0b6e4f', '--oz-check-accent-text': '#ffffff', '--oz-check-radius': '999px' },
};

export const OwnTrigger: Story = {
  name: 'Own trigger (slot)',
  render: (args, context) => {
    const check = renderElement<OzLivenessCheck>(args, context);
    check.append(h('button', { slot: 'trigger', type: 'button' }, 'Verify it’s me'), h('oz-result-banner'));
    return check;
  },
  parameters: {
    docs: {
      description: {
        story: 'A button of the page in the `trigger` slot replaces the built-in one; a click on it starts the check.',
      },
    },
  },
};
