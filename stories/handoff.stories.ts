/**
 * Continue on a phone (docs/handoff.md): `<oz-liveness-check handoff-url>` on the desktop, each step
 * of a hand-off. The stories play the phone themselves, through the same routes a phone uses
 * (`…/handoff/claim`, `…/session-token`, `…/container` with `Oz-Handoff`), answered in the page by the
 * real backend half and the simulated Oz API (support/network.ts).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { OzLivenessCheck } from '../src/liveness-check/liveness-check.js';
import { createSimulatedContainer } from '../src/testing/index.js';
import { checkIn, pluginSrc } from './support/flow.js';
import { BACKEND, type SimulatedNetwork } from './support/network.js';
import { renderElement } from './support/render.js';

type Story = StoryObj;

const meta: Meta = {
  title: 'Hand-off/oz-liveness-check',
  component: 'oz-liveness-check',
  tags: ['gallery'],
  render: (args, context) => renderElement<OzLivenessCheck>(args, context),
  args: {
    'plugin-src': pluginSrc('accept'),
    'session-token-url': BACKEND.sessionToken,
    'backend-url': BACKEND.container,
    'handoff-url': BACKEND.handoff,
  },
  parameters: { ozNetwork: {} satisfies SimulatedNetwork },
};
export default meta;

const part = (check: OzLivenessCheck, name: string) =>
  check.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Presses "Use your phone instead" and waits for the code; returns the phone link's secret. */
async function showCode(check: OzLivenessCheck): Promise<string> {
  await check.updateComplete;
  await userEvent.click(part(check, 'handoff-button')!);
  await waitFor(() => expect(part(check, 'handoff-link')?.textContent).toContain('#oz-handoff='));
  // The link's text is the link itself (its groups of four are spaced by style only).
  return part(check, 'handoff-link')!.textContent!.trim().split('#oz-handoff=')[1];
}

/** The phone, step by step: it opens the link, then (optionally) gets its token, then uploads. */
async function phone(secret: string, until: 'opened' | 'capturing' | 'done'): Promise<void> {
  const base = new URL(BACKEND.handoff, location.href).href.replace(/\/handoff$/, '');
  const headers = { 'Oz-Handoff': secret };
  await fetch(`${base}/handoff/claim`, { method: 'POST', headers });
  if (until === 'opened') return;
  const token = await (await fetch(`${base}/session-token`, { headers })).json();
  if (until === 'capturing') return;
  const container = await createSimulatedContainer({ sessionToken: token.session_token, scenario: 'accept' });
  await fetch(`${base}/container`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Idempotency-Key': crypto.randomUUID() },
    body: container,
  });
}

/** The hand-off states the element told, for the play functions to wait on. */
function told(check: OzLivenessCheck): string[] {
  const states: string[] = [];
  check.addEventListener('oz-handoff', (e) => states.push(e.detail.state));
  return states;
}

export const Offered: Story = {
  name: 'Offered',
  parameters: { docs: { description: { story: 'With `handoff-url`: “Use your phone instead” beside Start.' } } },
};

export const Waiting: Story = {
  name: 'Waiting: the code',
  parameters: {
    docs: {
      description: { story: 'The QR code, the link to type beside it, the time left; the phone has not opened it.' },
    },
  },
  play: async ({ canvasElement }) => {
    await showCode(checkIn(canvasElement));
  },
};

export const OnThePhone: Story = {
  name: 'On the phone',
  parameters: { docs: { description: { story: 'The phone opened the link and is capturing.' } } },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    const states = told(check);
    await phone(await showCode(check), 'capturing');
    await waitFor(() => expect(states).toContain('capturing'));
  },
};

export const Done: Story = {
  name: 'Done: the phone’s outcome',
  parameters: {
    docs: { description: { story: 'The phone uploaded: the desktop shows its decision, as after a local check.' } },
  },
  render: (args, context) => {
    const check = renderElement<OzLivenessCheck>(args, context);
    check.append(document.createElement('oz-result-banner'));
    return check;
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await phone(await showCode(check), 'done');
    await waitFor(() => expect(check.result?.decision).toBe('accept'));
  },
};

export const Expired: Story = {
  name: 'Expired',
  parameters: {
    ozNetwork: { handoffTtlMs: 2000 } satisfies SimulatedNetwork,
    docs: { description: { story: 'The phone never opened the link: a new code is offered.' } },
  },
  play: async ({ canvasElement }) => {
    const check = checkIn(canvasElement);
    await showCode(check);
    await waitFor(() => expect(part(check, 'handoff-new')).not.toBeNull());
  },
};
