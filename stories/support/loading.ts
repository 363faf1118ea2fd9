/**
 * The check held in `loading`: the plugin script comes over a slow network (a service worker
 * holds it back) and Start is pressed. Shared by the check's stories and its state pictures.
 * The play function is its own export so that a story names it as `play:` (Storybook tags a
 * story `play-fn` only when it sees that key in the story itself, not through a spread).
 */
import type { StoryObj } from '@storybook/web-components-vite';
import { checkIn, pluginSrc, pressStart, slowNetwork, slowly, untilState } from './flow.js';

/** The simulator's plugin script, held back for ten minutes. */
export const slowPluginScript: StoryObj = {
  args: { 'plugin-src': slowly(pluginSrc('accept'), 600_000) },
  beforeEach: async () => slowNetwork(),
};

/** Presses Start and waits for `loading`. */
export async function untilLoading({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const check = checkIn(canvasElement);
  await pressStart(check);
  await untilState(check, 'loading');
}
