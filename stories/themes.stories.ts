/**
 * Two bank-like themes built only from the kit's tokens (`--oz-*`) and parts (`::part(…)`): no
 * subclass, no stylesheet of ours. The pictures of docs/theming.md (`npm run gallery`).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { toResult } from '../src/core/decision.js';
import { kitError } from '../src/core/errors.js';
import type { OzResultBanner } from '../src/result-banner/result-banner.js';
import { h } from './support/render.js';
import { storyCheck } from './support/state-host.js';

const THEMES = {
  harbour: `
    .harbour { --oz-color-surface: #f6f8fa; --oz-color-text: #0d1b2a; --oz-color-border: #6b7b8c;
      --oz-color-accent: #0b3d5c; --oz-color-accent-hover: #0a3450; --oz-color-accent-active: #072a40;
      --oz-color-text-muted: #4a5a6a; --oz-color-on-accent: #ffffff;
      --oz-color-disabled: #e3e9ef; --oz-color-on-disabled: #3f4d5c; --oz-color-focus: #0b3d5c; --oz-color-pending: #0b3d5c; --oz-color-accept: #0f6b4c;
      --oz-color-reject: #a4262c; --oz-color-problem: #875200; --oz-radius: 2px;
      --oz-font: Georgia, 'DejaVu Serif', serif; --oz-title-size: 1.375rem; }
    .harbour ::part(base) { box-shadow: 0 1px 2px rgb(13 27 42 / 0.15); }
    .harbour ::part(title) { letter-spacing: 0.01em; }`,
  meadow: `
    .meadow { --oz-color-surface: #fbfdf8; --oz-color-text: #17261b; --oz-color-border: #7a8c7e;
      --oz-color-accent: #1f5f3a; --oz-color-accent-hover: #1a5232; --oz-color-accent-active: #154429;
      --oz-color-text-muted: #4b5d50; --oz-color-on-accent: #ffffff;
      --oz-color-disabled: #e3e9ef; --oz-color-on-disabled: #3f4d5c; --oz-color-focus: #1f5f3a; --oz-color-pending: #1f5f3a; --oz-color-accept: #1f6f3f;
      --oz-color-reject: #b0263a; --oz-color-problem: #8f4f00; --oz-radius: 1rem; --oz-space: 1.25rem;
      --oz-font: system-ui, 'DejaVu Sans', sans-serif; }
    .meadow ::part(button) { border-radius: 999px; }
    .meadow ::part(icon) { inline-size: 2.5rem; block-size: 2.5rem; }`,
};

const failed = toResult({
  folder_id: '5c8d2e1a-7f3b-4c9e-a1d6-0b2f4e6a8c10',
  resolution_status: 'FAILED',
  system_resolution: 'FAILED',
});
const accepted = toResult({ folder_id: '5c8d2e1a', resolution_status: 'FINISHED', system_resolution: 'SUCCESS' });
const contact = 'Need help? Call us on 0800 123 456.';

function theme(name: keyof typeof THEMES): StoryObj {
  return {
    render: () =>
      h(
        'div',
        { class: name, style: 'display:grid;gap:1rem;max-inline-size:40rem' },
        h('style', {}, THEMES[name]),
        h('oz-liveness-check', { lang: 'en' }),
        storyCheck({ state: 'done', result: accepted }, h('oz-result-banner', { lang: 'en' })),
        storyCheck(
          { state: 'done', result: failed },
          h('oz-result-banner', { lang: 'en', 'support-contact': contact }),
        ),
        storyCheck(
          { state: 'error', error: kitError('camera-denied', '', { messageKey: 'error.camera-denied.chrome' }) },
          h('oz-result-banner', { lang: 'en' }),
        ),
      ),
    play: async ({ canvasElement }) => {
      const banners = [...canvasElement.querySelectorAll<OzResultBanner>('oz-result-banner')];
      await waitFor(() => expect(banners.map((b) => b.status)).toEqual(['accept', 'failed', 'error']));
      await Promise.all(banners.map((b) => b.updateComplete));
    },
  };
}

const meta: Meta = { title: 'Themes', tags: ['gallery'] };
export default meta;

export const Harbour: StoryObj = { ...theme('harbour'), name: 'Harbour Bank (navy, serif, square)' };
export const Meadow: StoryObj = { ...theme('meadow'), name: 'Meadow Bank (green, rounded)' };
