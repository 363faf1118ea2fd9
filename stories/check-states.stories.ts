/**
 * Every state of `<oz-liveness-check>` on its own (no banner: its own status line speaks), on the
 * simulator: idle, loading, capturing, sending, analysing, each outcome, and an error of each kind.
 * These are the check's pictures in docs/gallery (`npm run gallery`, the `gallery` tag).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { OzLivenessCheck } from '../src/liveness-check/liveness-check.js';
import type { ScenarioName } from '../src/testing/index.js';
import { UNTIL_CAPTURE_NOW, checkIn, pluginSrc, pressStart, untilError, untilState } from './support/flow.js';
import { slowPluginScript, untilLoading } from './support/loading.js';
import { BACKEND, type SimulatedNetwork } from './support/network.js';
import { renderElement } from './support/render.js';

type Story = StoryObj;

const meta: Meta = {
  title: 'States/oz-liveness-check',
  component: 'oz-liveness-check',
  tags: ['gallery'],
  render: (args, context) => renderElement<OzLivenessCheck>(args, context),
  args: {
    'plugin-src': pluginSrc('accept'),
    'session-token-url': BACKEND.sessionToken,
    'backend-url': BACKEND.container,
  },
  parameters: { ozNetwork: {} satisfies SimulatedNetwork },
};
export default meta;

/** Press Start on `scenario` and wait until `until` holds. */
function flow(
  scenario: ScenarioName,
  until: (check: OzLivenessCheck) => Promise<void>,
  network: SimulatedNetwork = {},
  story = '',
): Story {
  return {
    args: { 'plugin-src': pluginSrc(scenario) },
    parameters: { ozNetwork: network, docs: { description: { story } } },
    play: async ({ canvasElement }) => {
      const check = checkIn(canvasElement);
      await pressStart(check);
      await until(check);
      await check.updateComplete;
    },
  };
}
const outcome = (decision: string) => async (check: OzLivenessCheck) => {
  await untilState(check, 'done');
  await expect(check.result?.decision).toBe(decision);
};

export const Idle: Story = {
  name: 'Idle',
  parameters: { docs: { description: { story: 'Before anything: the Start button.' } } },
};

export const Loading: Story = { ...slowPluginScript, name: 'Loading', play: untilLoading };

export const Capturing: Story = {
  ...flow(
    'accept',
    (check) => untilState(check, 'capturing'),
    {},
    'The plugin’s window is open (shown over the page, not in these pictures).',
  ),
  name: 'Capturing',
  args: { 'plugin-src': pluginSrc('accept', UNTIL_CAPTURE_NOW) },
};

export const Uploading: Story = {
  ...flow('accept', (check) => untilState(check, 'uploading'), { uploadMs: 600_000 }, 'Sending over a slow uplink.'),
  name: 'Sending',
};

export const Analysing: Story = {
  name: 'Analysing',
  parameters: {
    ozNetwork: { ozScenario: 'slow', ozLatencyMs: 600_000, uploadMs: 200 } satisfies SimulatedNetwork,
    docs: { description: { story: 'Every byte is sent and Oz takes its time: the result is being worked out.' } },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    let sent = false;
    check.addEventListener(
      'oz-upload-progress',
      ({ detail }) => (sent ||= detail.total > 0 && detail.loaded >= detail.total),
    );
    await pressStart(check);
    await waitFor(() => expect(sent).toBe(true), { timeout: 20_000 });
    await check.updateComplete;
  },
};

export const ErrorCamera: Story = {
  name: 'Error (camera)',
  parameters: {
    docs: {
      description: {
        story:
          'The camera is refused for this site (the browser’s permission says so): found by preflight() before the plugin opens.',
      },
    },
  },
  // The browser's answer, stubbed at the edge for this story only.
  beforeEach: () => {
    const permissions = navigator.permissions;
    const own = Object.getOwnPropertyDescriptor(permissions, 'query');
    Object.defineProperty(permissions, 'query', { configurable: true, value: async () => ({ state: 'denied' }) });
    return () =>
      own ? Object.defineProperty(permissions, 'query', own) : delete (permissions as { query?: unknown }).query;
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await pressStart(check);
    await untilError(check, 'camera-denied');
  },
};

export const Accept: Story = { ...flow('accept', outcome('accept')), name: 'Done: passed' };
export const Reject: Story = { ...flow('declined', outcome('reject')), name: 'Done: not passed' };
export const Failed: Story = { ...flow('failed', outcome('failed')), name: 'Done: could not be completed' };

export const ErrorNetwork: Story = {
  ...flow('accept', (check) => untilError(check, 'session-token-failed'), { ozDown: { sessionToken: 1 } }),
  name: 'Error (network)',
};
export const ErrorCheck: Story = {
  ...flow('container_error_14', (check) => untilError(check, 'container-rejected')),
  name: 'Error (check)',
};
export const ErrorBrowser: Story = {
  ...flow('error_wasm_internal_failure_1', (check) => untilError(check, 'error_wasm_internal_failure_1')),
  name: 'Error (browser)',
};
