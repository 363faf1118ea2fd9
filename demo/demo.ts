// The demo page's own script: the scenario picker (simulator only) and an event log.
import { SCENARIOS } from '../src/testing/scenarios.js';

const picker = document.querySelector<HTMLSelectElement>('#scenario')!;
const current = new URLSearchParams(location.search).get('scenario') ?? 'accept';
for (const name of SCENARIOS) picker.add(new Option(name, name, false, name === current));
picker.addEventListener('change', () => {
  const url = new URL(location.href);
  url.searchParams.set('scenario', picker.value);
  location.assign(url);
});

const log = document.querySelector('#log')!;
const check = document.querySelector('oz-liveness-check')!;
for (const name of [
  'oz-plugin-ready',
  'oz-open',
  'oz-capture-complete',
  'oz-upload-progress',
  'oz-result',
  'oz-error',
  'oz-close',
  'oz-state-change',
] as const) {
  check.addEventListener(name, (e) => {
    const li = document.createElement('li');
    const d = e.detail as { container?: Blob };
    const detail = d.container instanceof Blob ? { ...d, container: `Blob(${d.container.size} bytes)` } : d;
    li.textContent = `${name} ${JSON.stringify(detail)}`.slice(0, 300);
    log.prepend(li);
  });
}
