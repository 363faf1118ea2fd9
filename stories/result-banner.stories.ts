/**
 * `<oz-result-banner>`: every status, option, language and theme. Results are folders the real
 * backend half answered for simulated captures (stories/support/folders.ts); pending and error
 * come from a real `<oz-liveness-check>` on the simulator, which the banner sits in and follows.
 * Controls and docs come from custom-elements.json. The toolbar's language switch applies to all.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Args, StoryContext } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { OZ_LANGUAGES, OZ_LANGUAGE_NAMES, loadMessages, type OzLang } from '../src/i18n/index.js';
import type { OzResultBanner } from '../src/result-banner/result-banner.js';
import type { ScenarioName } from '../src/testing/index.js';
import { emulateDarkScheme } from './support/color-scheme.js';
import { simulatedFolder } from './support/folders.js';
import { bannerIn, checkIn, pluginSrc, pressStart, untilError, untilUploadProgress } from './support/flow.js';
import { BACKEND, type SimulatedNetwork } from './support/network.js';
import { h, renderElement } from './support/render.js';

type Story = StoryObj;

const languageName = (lang: OzLang) => `${OZ_LANGUAGE_NAMES[lang]} (${lang})`;
type Render = NonNullable<Story['render']>;

/** Loads the folder of a capture in `scenario` into the banner's `result`. */
const folder = (scenario: ScenarioName, actions?: string[]) => async () => ({
  props: { result: await simulatedFolder(scenario, actions) },
});

const meta: Meta = {
  title: 'oz-result-banner',
  component: 'oz-result-banner',
  render: (args, context) => renderElement(args, context),
};
export default meta;

/** The banner inside a check on the simulator; the story's play function drives the check. */
function inCheck(scenario: ScenarioName = 'accept'): Render {
  return (args: Args, context: StoryContext) => {
    const banner = renderElement(args, context);
    return h(
      'oz-liveness-check',
      {
        'plugin-src': pluginSrc(scenario),
        'session-token-url': BACKEND.sessionToken,
        'backend-url': BACKEND.container,
      },
      banner,
    );
  };
}

/** A story whose check fails with `code`: the banner shows that error family's message. */
function errorFamily(
  family: string,
  code: string,
  scenario: ScenarioName = 'accept',
  network: SimulatedNetwork = {},
  checkAttrs: Record<string, string> = {},
): Story {
  return {
    render: (args, context) => {
      const check = inCheck(scenario)(args, context) as HTMLElement;
      for (const [k, v] of Object.entries(checkAttrs)) check.setAttribute(k, v);
      return check;
    },
    parameters: {
      ozNetwork: network,
      docs: {
        description: {
          story: `The \`${family}\` family, here \`${code}\`: a title for its kind, what happened in words and what the person can do; the support reference.`,
        },
      },
    },
    play: async ({ canvasElement }) => {
      const check = checkIn(canvasElement);
      await pressStart(check);
      await untilError(check, code);
      await waitFor(() => expect(bannerIn(canvasElement).status).toBe('error'));
    },
  };
}

export const Idle: Story = {
  parameters: {
    docs: {
      description: {
        story:
          'No check, no result: the banner takes no room. Its live region is already there, so what comes later is announced.',
      },
    },
  },
};

export const Pending: Story = {
  name: 'Pending (uploading)',
  render: inCheck('accept'),
  parameters: {
    ozNetwork: { uploadMs: 45_000 } satisfies SimulatedNetwork,
    docs: {
      description: {
        story: 'Inside a check that is uploading over a slow uplink: what is going on, and the progress.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    await pressStart(checkIn(canvasElement));
    await untilUploadProgress(bannerIn(canvasElement));
  },
};

export const Accept: Story = { loaders: [folder('accept')] };

export const Reject: Story = { loaders: [folder('declined')] };

export const Failed: Story = {
  loaders: [folder('failed')],
  parameters: {
    docs: {
      description: {
        story: 'A technical problem stopped the check: no result either way. The check’s id is the reference.',
      },
    },
  },
};

export const ErrorConfig: Story = {
  ...errorFamily('config', 'invalid-config', 'accept', {}, { actions: 'video_selfie_moonwalk' }),
  name: 'Error: config',
};
export const ErrorPlugin: Story = {
  ...errorFamily('plugin', 'sim_camera_denied', 'camera_denied'),
  name: 'Error: plugin',
};
export const ErrorNetwork: Story = {
  ...errorFamily('network', 'session-token-failed', 'accept', { ozDown: { sessionToken: 1 } }),
  name: 'Error: network',
};
export const ErrorBackend: Story = {
  ...errorFamily('backend', 'container-rejected', 'container_error_14'),
  name: 'Error: backend',
};
export const ErrorWasm: Story = {
  ...errorFamily('wasm', 'error_wasm_internal_failure_1', 'error_wasm_internal_failure_1'),
  name: 'Error: wasm',
};

export const ShowDetails: Story = {
  name: 'Staff view: show-details',
  args: { 'show-details': true },
  loaders: [folder('accept', ['video_selfie_blank', 'photo_id_front'])],
  parameters: { docs: { description: { story: 'One row per analysis, with its own outcome.' } } },
};

export const ShowBestShot: Story = {
  name: 'show-best-shot',
  args: { 'show-best-shot': true },
  loaders: [folder('accept')],
  parameters: {
    docs: {
      description: {
        story: 'The liveness best shot the backend sent (a drawn stand-in: no camera in a result story).',
      },
    },
  },
};

export const EveryLanguage: Story = {
  name: 'Every language',
  loaders: [folder('declined')],
  render: (args, context) =>
    h(
      'div',
      { style: 'display: grid; gap: 1.5rem' },
      ...OZ_LANGUAGES.map((lang) =>
        h(
          'section',
          { lang },
          h('h2', { style: 'font: 600 0.875rem system-ui; margin: 0 0 0.5rem' }, languageName(lang)),
          renderElement(args, context),
        ),
      ),
    ),
  parameters: {
    docs: {
      description: { story: 'The same result in each language Oz ships (the toolbar switches the other stories).' },
    },
  },
  play: async ({ canvasElement }) => {
    await Promise.all(OZ_LANGUAGES.map((lang) => loadMessages(lang)));
    await Promise.all(Array.from(canvasElement.querySelectorAll('oz-result-banner'), (b) => b.updateComplete));
  },
};

/** Accept, reject and failed, one under the other. */
const threeResults: Story['loaders'] = [
  async () => ({
    results: await Promise.all((['accept', 'declined', 'failed'] as const).map((s) => simulatedFolder(s))),
  }),
];
const eachResult = (args: Args, context: StoryContext) =>
  (context.loaded.results as object[]).map((result) =>
    Object.assign(renderElement(args, { ...context, loaded: {} }), { result }),
  );

export const DarkScheme: Story = {
  name: 'Dark scheme',
  loaders: threeResults,
  render: (args, context) => {
    const banners = eachResult(args, context);
    for (const banner of banners) void emulateDarkScheme(banner);
    return h(
      'div',
      { style: 'display: grid; gap: 1rem; color-scheme: dark; background: #0d1117; padding: 1rem' },
      ...banners,
    );
  },
  parameters: {
    docs: {
      description: {
        story:
          "The banner's own `prefers-color-scheme: dark` rules, applied here whatever your system's setting (a page cannot switch the media query for one element).",
      },
    },
  },
  play: async ({ canvasElement }) => {
    await Promise.all(Array.from(canvasElement.querySelectorAll('oz-result-banner'), (b) => emulateDarkScheme(b)));
  },
};

export const RightToLeft: Story = {
  name: 'dir="rtl"',
  loaders: [folder('declined')],
  render: (args, context) => {
    const banner = renderElement(args, context);
    banner.append(h('a', { slot: 'actions', href: '#' }, 'Try again'));
    return h('div', { dir: 'rtl' }, banner);
  },
  parameters: {
    docs: {
      description: {
        story: 'Logical properties throughout: the status stripe, the icon and the rows follow the writing direction.',
      },
    },
  },
};

export const Theming: Story = {
  name: 'Theming (custom properties)',
  args: {
    '--oz-banner-background': '#fffdf7',
    '--oz-banner-border-color': '#e7dcc3',
    '--oz-banner-border-radius': '0',
    '--oz-banner-accent-width': '0.5rem',
    '--oz-banner-accept-color': '#006d44',
    '--oz-banner-icon-size': '2rem',
  },
  loaders: [folder('accept', ['video_selfie_blank', 'photo_id_front'])],
  parameters: {
    docs: {
      description: {
        story:
          'Every `--oz-banner-*` custom property is a control here; its description and default come from the manifest.',
      },
    },
  },
};

export const ActionsSlot: Story = {
  name: 'actions slot',
  loaders: [folder('declined')],
  render: (args, context) => {
    const banner = renderElement<OzResultBanner>(args, context);
    banner.append(
      h('button', { slot: 'actions', type: 'button' }, 'Try again'),
      h('a', { slot: 'actions', href: '#' }, 'Verify another way'),
    );
    return banner;
  },
  parameters: { docs: { description: { story: "The page's own buttons and links, under the message." } } },
};
