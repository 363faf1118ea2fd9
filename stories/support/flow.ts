/**
 * What the play functions do, as a person would: press Start, watch the simulator's window, close
 * it. Waits are on what the page shows (the element's state, the banner, the camera preview).
 */
import { expect, userEvent, waitFor } from 'storybook/test';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import type { ScenarioName } from '../../src/testing/index.js';

/** The simulator plugin as a classic script (served by .storybook/simulator-plugin-script.ts). */
export function pluginSrc(scenario: ScenarioName = 'accept', delay = 300): string {
  return `simulator/plugin_liveness.js?scenario=${scenario}&delay=${delay}`;
}

/** A capture that waits for "Capture now" (or the close button): an hour per action. */
export const UNTIL_CAPTURE_NOW = 3_600_000;

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
  await waitFor(() => expect(button.disabled).toBe(false));
  await userEvent.click(button);
}

export async function untilState(check: OzLivenessCheck, state: OzLivenessCheck['state'], timeout = 20_000): Promise<void> {
  await waitFor(() => expect(check.state).toBe(state), { timeout });
}

export async function untilError(check: OzLivenessCheck, code: string, timeout = 20_000): Promise<void> {
  await untilState(check, 'error', timeout);
  await expect(check.error?.code).toBe(code);
}

/** The simulator plugin's window (outside the story root: it is a full-page overlay, as the real plugin's). */
export function simulatorWindow(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-oz-simulator]');
}

/** Waits until the simulator's window shows the camera's live picture. */
export async function untilLivePreview(timeout = 20_000): Promise<void> {
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
export async function untilUploadProgress(banner: OzResultBanner, timeout = 20_000): Promise<void> {
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
  if (!navigator.serviceWorker.controller) {
    await new Promise<void>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
      setTimeout(resolve, 5000);
    });
  }
  return async () => void (await registration.unregister());
}

/** A URL that the slow network delivers after `ms`. */
export function slowly(url: string, ms: number): string {
  return `simulated-network/slow/${ms}/${url}`;
}
