/**
 * What the play functions do, as a person would: press Start, watch the simulator's window, close
 * it. Waits are on what the page shows (the element's state, the banner, the camera preview).
 */
import { configure, expect, userEvent, waitFor } from 'storybook/test';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import type { ScenarioName } from '../../src/testing/index.js';

/** The simulator plugin as a classic script (served by .storybook/simulator-plugin-script.ts). */
export function pluginSrc(scenario: ScenarioName = 'accept', delay = 300): string {
  return `simulator/plugin_liveness.js?scenario=${scenario}&delay=${delay}`;
}

/** A capture that waits for "Capture now" (or the close button): an hour per action. */
export const UNTIL_CAPTURE_NOW = 3_600_000;

/**
 * How long a play function waits for what the page should show. Generous: storybook:check runs
 * the stories on 2 cores shared with other builds, where a capture can take ten times as long.
 * A state that arrives ends the wait at once. storybook:check bounds a whole story above this.
 */
export const BOUND = 60_000;
// Also the default of every other waitFor in the stories (Testing Library's is 1 s).
configure({ asyncUtilTimeout: BOUND });

export function checkIn(root: ParentNode): OzLivenessCheck {
  const check = root.querySelector('oz-liveness-check');
  if (!check) throw new Error('no <oz-liveness-check> in the story');
  return check;
}

export function bannerIn(root: ParentNode): OzResultBanner {
  const banner = root.querySelector('oz-result-banner');
  if (!banner) throw new Error('no <oz-result-banner> in the story');
  return banner;
}

/** Presses the check's own Start (or "Try again") button. */
export async function pressStart(check: OzLivenessCheck): Promise<void> {
  await check.updateComplete;
  const button = check.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
  await waitFor(() => expect(button.disabled).toBe(false), { timeout: BOUND });
  await userEvent.click(button);
}

export async function untilState(
  check: OzLivenessCheck,
  state: OzLivenessCheck['state'],
  timeout = BOUND,
): Promise<void> {
  await waitFor(() => expect(check.state).toBe(state), { timeout });
}

export async function untilError(check: OzLivenessCheck, code: string, timeout = BOUND): Promise<void> {
  await untilState(check, 'error', timeout);
  await expect(check.error?.code).toBe(code);
}

/** The simulator plugin's window (outside the story root: it is a full-page overlay, as the real plugin's). */
export function simulatorWindow(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-oz-simulator]');
}

/** Waits until the simulator's window shows the camera's live picture. */
export async function untilLivePreview(timeout = BOUND): Promise<void> {
  await waitFor(
    () => {
      const win = simulatorWindow();
      expect(win?.dataset.state).toBe('capturing');
      const video = win!.shadowRoot!.querySelector('video')!;
      expect(video.readyState).toBeGreaterThanOrEqual(2);
    },
    { timeout },
  );
}

/** Presses the × of the simulator's window, as a person who gives up. */
export async function closeSimulatorWindow(): Promise<void> {
  const close = simulatorWindow()?.shadowRoot?.querySelector<HTMLButtonElement>('button.close');
  if (!close) throw new Error('the simulator window is not open');
  await userEvent.click(close);
}

/** Waits until the banner's progress bar has moved. */
export async function untilUploadProgress(banner: OzResultBanner, timeout = BOUND): Promise<void> {
  await waitFor(
    () => {
      const bar = banner.shadowRoot!.querySelector('progress');
      expect(bar?.value ?? 0).toBeGreaterThan(0);
    },
    { timeout },
  );
}

/**
 * Registers .storybook/public/simulated-network-sw.js and waits until it serves this page; returns
 * its removal. `undefined` where service workers are unavailable (then nothing is slow).
 */
export async function slowNetwork(): Promise<(() => Promise<void>) | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  const registration = await navigator.serviceWorker.register('simulated-network-sw.js');
  // Without the worker in control the network is not slow and the story would show something
  // else: wait for it, and fail by name if it never comes.
  await waitFor(
    () => {
      if (!navigator.serviceWorker.controller)
        throw new Error(
          `the simulated network's service worker did not take control of the page within ${BOUND / 1000} s`,
        );
    },
    { timeout: BOUND, interval: 50 },
  );
  return async () => void (await registration.unregister());
}

/** A URL that the slow network delivers after `ms`. */
export function slowly(url: string, ms: number): string {
  return `simulated-network/slow/${ms}/${url}`;
}
