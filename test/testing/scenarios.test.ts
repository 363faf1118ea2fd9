// Every scenario, end to end inside the browser: the simulated plugin captures with the fake camera
// and the simulated Oz API (running in the page) judges the container it produced.
import { expect } from '@open-wc/testing';
import {
  createSimulatedOzApi,
  installSimulator,
  SCENARIOS,
  type ScenarioName,
  type SimulatedOzLiveness,
} from '../../src/testing/index.js';
import { additionalInfo, open } from '../support/simulator.js';

type Api = ReturnType<typeof createSimulatedOzApi>;

async function sessionToken(api: Api): Promise<string> {
  const res = await api(new Request(`${location.origin}/oz-api/api/authorize/session_token`));
  return ((await res.json()) as { session_token: string }).session_token;
}

function upload(api: Api, container: Blob): Promise<Response> {
  return api(
    new Request(`${location.origin}/oz-api/api/instant/folders/`, {
      method: 'POST',
      body: container,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
}

/** Captures with the plugin in `scenario` and uploads the container to a fresh simulated API. */
async function captureAndUpload(oz: SimulatedOzLiveness, scenario: ScenarioName, meta: Record<string, string> = {}) {
  const api = createSimulatedOzApi({ latencyMs: 50 });
  oz.scenario = scenario;
  const run = open(oz, { session_token: await sessionToken(api), meta });
  await run.closed;
  expect(run.calls, scenario).to.deep.equal(['complete', 'close']);
  const res = await upload(api, run.container!);
  return { run, res, body: (await res.json()) as Record<string, any> };
}

describe('simulator scenarios, plugin → API', () => {
  let oz: SimulatedOzLiveness;
  beforeEach(() => (oz = installSimulator(window, { delay: 120 })));
  afterEach(() => oz.uninstall());

  it('accept: 201, FINISHED / SUCCESS, with meta, event_session_id and a captured best shot', async () => {
    const { run, res, body } = await captureAndUpload(oz, 'accept', { transaction_id: 'tx-1' });
    expect(res.status).to.equal(201);
    expect(body.resolution_status).to.equal('FINISHED');
    expect(body.system_resolution).to.equal('SUCCESS');
    expect(body.meta_data).to.deep.equal({
      transaction_id: 'tx-1',
      event_session_id: additionalInfo(run.result!).event_session_id,
    });
    const quality = body.analyses.find((a: { type: string }) => a.type === 'QUALITY');
    const image: string = quality.results_media[0].output_images[0].image_b64;
    expect(image.startsWith('/9j/'), 'base64 JPEG').to.equal(true);
    expect(
      run.result!.frame_list.some((f) => f === `data:image/jpeg;base64,${image}`),
      'one of the captured frames',
    ).to.equal(true);
  });

  it('declined: FINISHED / DECLINED', async () => {
    const { body } = await captureAndUpload(oz, 'declined');
    expect([body.resolution_status, body.system_resolution]).to.deep.equal(['FINISHED', 'DECLINED']);
  });

  it('failed: FAILED / FAILED with a resolution_comment', async () => {
    const { body } = await captureAndUpload(oz, 'failed');
    expect([body.resolution_status, body.system_resolution]).to.deep.equal(['FAILED', 'FAILED']);
    expect(body.resolution_comment).to.contain('QUALITY');
  });

  it('slow: still SUCCESS', async () => {
    const { res, body } = await captureAndUpload(oz, 'slow');
    expect(res.status).to.equal(201);
    expect(body.system_resolution).to.equal('SUCCESS');
  });

  for (const code of [3, 4, 5, 13, 14] as const) {
    it(`container_error_${code}: the plugin's container really has the defect; the API answers ${code}`, async () => {
      const { run, res, body } = await captureAndUpload(oz, `container_error_${code}`);
      expect(run.container!.type).to.equal('application/octet-stream');
      if (code === 13) expect(run.container!.size).to.equal(0);
      expect(res.status).to.equal(400);
      expect(body.error_code).to.equal(code);
      expect(body.error_message).to.equal('Invalid request data');
      expect(body.details.reason).to.not.equal('forced_by_scenario');
    });
  }

  it('a reused session token: the second upload gets 14', async () => {
    const api = createSimulatedOzApi();
    const token = await sessionToken(api);
    const first = open(oz, { session_token: token });
    await first.closed;
    expect((await upload(api, first.container!)).status).to.equal(201);
    const second = open(oz, { session_token: token });
    await second.closed;
    const res = await upload(api, second.container!);
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error_code: number }).error_code).to.equal(14);
  });

  it('a plugin with another key: the API answers 14', async () => {
    oz = installSimulator(window, { delay: 120, key: 'not-the-api-key' });
    const api = createSimulatedOzApi();
    const run = open(oz, { session_token: await sessionToken(api) });
    await run.closed;
    const res = await upload(api, run.container!);
    expect(((await res.json()) as { error_code: number }).error_code).to.equal(14);
  });

  const wasm = SCENARIOS.filter((s) => s.startsWith('error_wasm_internal_failure_'));
  it('knows the six WASM codes', () => expect(wasm).to.have.length(6));
  for (const scenario of wasm) {
    it(`${scenario}: on_error with that exact code, then on_close, no container`, async () => {
      oz.scenario = scenario;
      const run = open(oz);
      await run.closed;
      expect(run.calls).to.deep.equal(['error', 'close']);
      expect(run.error!.code).to.equal(scenario);
      expect(run.container).to.equal(undefined);
    });
  }
});

describe('plugin_liveness.js (the classic-script entry)', () => {
  afterEach(() => (window as unknown as { OzLiveness?: SimulatedOzLiveness }).OzLiveness?.uninstall());

  it('installs OzLiveness with the options of its own URL', async () => {
    const script = document.createElement('script');
    script.src = `/simulator/plugin_liveness.js?scenario=declined&delay=40&lang=ru&t=${Date.now()}`;
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
    script.remove();
    const oz = (window as unknown as { OzLiveness?: SimulatedOzLiveness }).OzLiveness!;
    expect(oz.simulated).to.equal(true);
    expect(oz.scenario).to.equal('declined');
    expect(oz.delay).to.equal(40);
  });
});
