// What a screen-reader user hears over a whole run, in every language: start → window → upload →
// outcome, and each error. Real element, stub plugin and a real local backend; what is heard is the
// sequence of live-region texts across shadow roots (./spoken.ts says why not an emulator), with the
// language each piece is declared in. Each change is heard once, in the page's language, with no code.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { OZ_LANGUAGES, loadMessages, translate, type MessageKey } from '../../src/i18n/index.js';
import { freshStubSrc, installStub, randomContainer, uniqueId, type StubPlugin } from '../support/stub-plugin.js';
import { LiveRegionLog, type Announcement } from './spoken.js';
import { cameraHelpKey } from '../../src/core/camera-help.js';
import { splitSteps, stepsKeyFor } from '../../src/i18n/render.js';

type Scenario = {
  /** Upload and token query, e.g. `seq=503`, `sr=DECLINED`. */
  upload?: string;
  token?: string;
  /** No plugin-src: a configuration error before anything opens. */
  unconfigured?: boolean;
  /** The plugin calls on_error with this code while capturing. */
  pluginError?: string;
  /** The last thing heard: title and message keys. */
  outcome: [MessageKey, MessageKey];
  /** Whether the plugin window opened (so "Follow the instructions" was heard). */
  captured: boolean;
  /** The browser says the camera is refused (its permission state is stubbed at the edge). */
  refused?: boolean;
};

const SCENARIOS: Record<string, Scenario> = {
  accepted: { outcome: ['banner.title.accept', 'banner.message.accept'], captured: true },
  declined: { upload: 'sr=DECLINED', outcome: ['banner.title.reject', 'banner.message.reject'], captured: true },
  'no decision': {
    upload: 'rs=FAILED&sr=FAILED',
    outcome: ['banner.title.failed', 'banner.message.failed'],
    captured: true,
  },
  'upload failed': { upload: 'seq=503', outcome: ['error.title.network', 'error.upload-failed'], captured: true },
  'video rejected (400, code 14)': {
    upload: 'seq=400&ozCode=14',
    outcome: ['error.title.check', 'error.container-rejected.14'],
    captured: true,
  },
  'token failed': {
    token: 'status=500',
    outcome: ['error.title.network', 'error.session-token-failed'],
    captured: false,
  },
  'out of memory': {
    pluginError: 'error_wasm_internal_failure_2',
    outcome: ['error.title.device', 'error.error_wasm_internal_failure_2'],
    captured: true,
  },
  'an undocumented plugin error': {
    pluginError: 'camera_broke_42',
    outcome: ['error.title.check', 'error.plugin'],
    captured: true,
  },
  'not set up': { unconfigured: true, outcome: ['error.title.check', 'error.invalid-config'], captured: false },
  // The message is this browser's own, then its numbered steps (see expected()).
  'camera refused': { refused: true, outcome: ['error.title.camera', 'error.camera-denied'], captured: false },
};

/** What the outcome sounds like: title, message and (for a refused camera) this browser's steps. */
function expected(lang: string, s: Scenario, alone = false): string {
  const t = (key: MessageKey) => translate(lang, key);
  const message = s.refused ? cameraHelpKey(navigator.userAgent) : s.outcome[1];
  const steps = s.refused ? splitSteps(t(stepsKeyFor(message)!)) : [];
  // The check alone says it in one line: the outcome's words, or the error's message.
  if (alone)
    return s.outcome[0].startsWith('banner.title.')
      ? t(s.outcome[0].replace('banner.title.', 'check.outcome.') as MessageKey)
      : [t(message), ...steps].join(' ');
  return [t(s.outcome[0]), t(message), ...steps].join(' ');
}

/** A camera the browser reports as refused, for the length of one run (put back after). */
function refuseCamera(): () => void {
  const permissions = navigator.permissions as Permissions & { query: Permissions['query'] };
  const own = Object.getOwnPropertyDescriptor(permissions, 'query');
  Object.defineProperty(permissions, 'query', {
    configurable: true,
    writable: true,
    value: async () => ({ state: 'denied', name: 'camera' }) as unknown as PermissionStatus,
  });
  return () =>
    own ? Object.defineProperty(permissions, 'query', own) : delete (permissions as { query?: unknown }).query;
}

const PENDING: MessageKey[] = [
  'check.state.loading',
  'check.state.starting',
  'check.state.capturing',
  'check.state.uploading',
  'check.state.analysing',
];

/** Codes a person must never hear: the kit's, the plugin's, Oz's, numbers. */
const CODE =
  /error_|wasm|camera_broke|invalid-config|session-token|upload-failed|container-rejected|(?<!\p{L})Oz(?!\p{L})|\d{2,}/u;

let stub: StubPlugin;

/** One run on a page part in `lang`: a check with the banner nested in it, as the README shows (or alone). */
async function hear(lang: string, s: Scenario, alone = false): Promise<Announcement[]> {
  const id = uniqueId();
  const root = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  const el = document.createElement('oz-liveness-check') as OzLivenessCheck;
  if (!s.unconfigured) el.setAttribute('plugin-src', freshStubSrc());
  el.setAttribute('session-token-url', `/test-backend/token?id=${id}&${s.token ?? ''}`);
  el.setAttribute('backend-url', `/test-backend/upload?id=${id}&${s.upload ?? ''}`);
  el.setAttribute('upload-retries', '0');
  const banner = alone ? undefined : (el.appendChild(document.createElement('oz-result-banner')) as OzResultBanner);
  root.append(el);
  await Promise.all([el.updateComplete, banner?.updateComplete]);
  const log = new LiveRegionLog(root);
  const restore = s.refused ? refuseCamera() : undefined;
  try {
    void el.start();
    if (s.captured) {
      await waitUntil(() => el.state === 'capturing', 'the plugin window opened', { timeout: 10_000 });
      if (s.pluginError) stub.last.on_error({ code: s.pluginError, message: 'simulated' });
      else stub.last.on_capture_complete({ action: 'video_selfie_blank' }, randomContainer(20_000));
    }
    await waitUntil(() => el.state === 'done' || el.state === 'error', 'the run ended', { timeout: 15_000 });
  } finally {
    restore?.();
  }
  await Promise.all([el.updateComplete, banner?.updateComplete]);
  // The outcome is on screen: wait until it has been heard (a MutationObserver callback is a microtask).
  const outcome = expected(lang, s, alone);
  await waitUntil(() => log.announcements.some((a) => a.text === outcome), 'the outcome was heard', {
    timeout: 10_000,
  });
  return log.stop();
}

const base = (tag: string | undefined) => tag?.split('-')[0]?.toLowerCase();

describe('what a screen-reader user hears, per language', () => {
  before(() => Promise.all(OZ_LANGUAGES.map((l) => loadMessages(l))));
  beforeEach(() => {
    stub = installStub();
  });

  for (const lang of OZ_LANGUAGES) {
    for (const [name, s] of Object.entries(SCENARIOS)) {
      it(`${lang}, ${name}`, async () => {
        const heard = await hear(lang, s);
        const texts = heard.map((a) => a.text);
        const transcript = texts.join(' | ');
        const t = (key: MessageKey) => translate(lang, key);
        // The outcome, last and once: its title, then what to do.
        expect(texts.at(-1), transcript).to.equal(expected(lang, s));
        expect(
          texts.filter((x) => x === texts.at(-1)),
          transcript,
        ).to.have.length(1);
        expect(heard.at(-1)!.politeness).to.equal(s.outcome[0] === 'banner.title.accept' ? 'polite' : 'assertive');
        // Before it: only the steps of the run, each once, in order.
        const steps = texts.slice(0, -1).map((x) => PENDING.find((k) => t(k) === x) ?? `not a step: ${x}`);
        expect(new Set(steps).size, transcript).to.equal(steps.length);
        expect(
          steps.map((k) => PENDING.indexOf(k as MessageKey)),
          transcript,
        ).to.deep.equal([...steps.map((k) => PENDING.indexOf(k as MessageKey))].sort((a, b) => a - b));
        expect(
          steps.filter((k) => k.startsWith('not a step')),
          transcript,
        ).to.deep.equal([]);
        if (s.captured) expect(steps, transcript).to.include('check.state.capturing');
        // In the page's language (nothing marked foreign), and no code read out.
        for (const a of heard) for (const l of a.langs) expect(base(l), a.text).to.equal(base(lang));
        expect(transcript).to.not.match(CODE);
      });
    }
  }

  for (const lang of OZ_LANGUAGES) {
    it(`${lang}, the check alone (its own status line speaks): accepted, then each change once`, async () => {
      for (const name of ['accepted', 'upload failed', 'out of memory', 'camera refused'] as const) {
        const s = SCENARIOS[name]!;
        const heard = await hear(lang, s, true);
        const texts = heard.map((a) => a.text);
        const transcript = `${name}: ${texts.join(' | ')}`;
        expect(texts.at(-1), transcript).to.equal(expected(lang, s, true));
        expect(new Set(texts).size, transcript).to.equal(texts.length);
        if (s.captured) expect(texts, transcript).to.include(translate(lang, 'check.state.capturing'));
        for (const a of heard) for (const l of a.langs) expect(base(l), a.text).to.equal(base(lang));
        expect(transcript).to.not.match(CODE);
      }
    });
  }

  it('a German page hears the English words in English (each piece marked lang="en"), once each', async () => {
    const heard = await hear('de', SCENARIOS.accepted!);
    expect(heard.at(-1)!.text).to.equal(
      `${translate('en', 'banner.title.accept')} ${translate('en', 'banner.message.accept')}`,
    );
    for (const a of heard) expect(new Set(a.langs), a.text).to.deep.equal(new Set(['en']));
    expect(new Set(heard.map((a) => a.text)).size).to.equal(heard.length);
  });
});
