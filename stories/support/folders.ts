/**
 * Folder JSON for the banner's result stories, made by the real chain rather than typed by hand:
 * a simulated container (with a frame, so there is a best shot) → the backend half
 * (`createOzLivenessHandler`) → the simulated Oz API → the folder the page would receive.
 */
import { createOzLivenessHandler } from '../../src/server/index.js';
import { createSimulatedContainer, createSimulatedOzApi, type ScenarioName } from '../../src/testing/index.js';
import type { OzFolder } from '../../src/index.js';

const cache = new Map<string, Promise<OzFolder>>();

/** A stand-in camera frame: a drawn portrait, labelled as simulated (no camera needed for a result story). */
async function portraitJpeg(): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = 240;
  canvas.height = 320;
  const g = canvas.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, 320);
  sky.addColorStop(0, '#9fb8cf');
  sky.addColorStop(1, '#5d7890');
  g.fillStyle = sky;
  g.fillRect(0, 0, 240, 320);
  g.fillStyle = '#2f3e4e';
  g.beginPath();
  g.ellipse(120, 330, 105, 90, 0, 0, Math.PI * 2); // shoulders
  g.fill();
  g.fillStyle = '#d9a988';
  g.beginPath();
  g.ellipse(120, 150, 55, 70, 0, 0, Math.PI * 2); // face
  g.fill();
  g.fillStyle = '#4a3426';
  g.beginPath();
  g.ellipse(120, 100, 60, 35, 0, Math.PI, Math.PI * 2); // hair
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = '600 14px system-ui, sans-serif';
  g.fillText('Oz simulator', 12, 24);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  return new Uint8Array(await blob!.arrayBuffer());
}

async function make(scenario: ScenarioName, actions: string[]): Promise<OzFolder> {
  const oz = createSimulatedOzApi();
  const backend = createOzLivenessHandler({
    ozApiUrl: 'https://simulated-oz.invalid', // never dialled: fetch is injected
    fetch: (input: RequestInfo | URL, init?: RequestInit) => oz(new Request(input, init)),
  });
  const base = 'http://storybook.invalid/api/liveness/';
  const token = await backend(new Request(`${base}session-token`));
  const { session_token } = (await token.json()) as { session_token: string };
  const container = await createSimulatedContainer({
    sessionToken: session_token,
    scenario,
    actions,
    extractBestShot: true,
    jpeg: await portraitJpeg(),
    meta: { transaction_id: 'storybook' },
  });
  const res = await backend(
    new Request(`${base}container`, {
      method: 'POST',
      body: container,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
  if (!res.ok) throw new Error(`the simulated backend answered HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as OzFolder;
}

/** The folder the backend answers for a capture in `scenario` (`accept`, `declined`, `failed`). */
export function simulatedFolder(
  scenario: ScenarioName = 'accept',
  actions = ['video_selfie_blank'],
): Promise<OzFolder> {
  const key = `${scenario} ${actions.join(',')}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = make(scenario, actions)));
  return p;
}
