import { expect, fixture, html } from '@open-wc/testing';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { kitError, type OzErrorDetail } from '../../src/core/errors.js';
import { toResult } from '../../src/core/decision.js';
import type { OzStateEvent } from '../../src/core/state.js';
import en from '../../src/i18n/en.js';

// The check's own picture (check-view.ts): the busy button, its bar, the outcome card (after an
// accept: what happens next, or the page's `next` slot), one look for "could not be completed".

if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);

interface Internals {
  status: {
    go(e: OzStateEvent): void;
    fail(d: OzErrorDetail): void;
    progress(l: number, t: number): void;
    succeed(r: unknown): void;
  };
  flow: object;
}

async function check(content = html``) {
  const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check lang="en">${content}</oz-liveness-check>`);
  await el.updateComplete;
  return { el, internals: el as unknown as Internals, root: el.shadowRoot! };
}

function decided(internals: Internals, system_resolution: string) {
  for (const e of ['start', 'open', 'upload'] as const) internals.status.go(e);
  internals.status.succeed(
    toResult({
      folder_id: '5c8d2e1a-7f3b',
      resolution_status: system_resolution === 'FAILED' ? 'FAILED' : 'FINISHED',
      system_resolution,
    }),
  );
}

describe('<oz-liveness-check> picture', () => {
  it('a busy button says what is happening, with a spinner, and is disabled', async () => {
    const { el, internals, root } = await check();
    Object.defineProperty(internals.flow, 'busy', { configurable: true, get: () => true });
    internals.status.go('start');
    await el.updateComplete;
    const button = root.querySelector<HTMLButtonElement>('[part=button]')!;
    expect(button.disabled).to.equal(true);
    expect(button.textContent!.trim()).to.equal(en['check.state.starting']);
    expect(button.querySelector('.spin')?.getAttribute('aria-hidden')).to.equal('true');
    // The status line still says it (announced), out of sight: the button shows it.
    expect(root.querySelector('[part=status]')!.textContent).to.equal(en['check.state.starting']);
    expect(root.querySelector('[part=status]')!.classList.contains('sr')).to.equal(true);
  });

  it("while sending, the banner's bar: measured with a known total, indeterminate while the backend analyses", async () => {
    const { el, internals, root } = await check();
    for (const e of ['start', 'open', 'upload'] as const) internals.status.go(e);
    internals.status.progress(30, 120);
    await el.updateComplete;
    const bar = () => root.querySelector<HTMLProgressElement>('[part=progress]')!;
    expect(bar().value).to.equal(25);
    expect(getComputedStyle(bar()).appearance).to.equal('none'); // the kit's bar, not the browser's
    internals.status.progress(120, 120);
    await el.updateComplete;
    expect(bar().hasAttribute('value')).to.equal(false); // analysing: no measure, never a full bar
  });

  it('after an error: the card first (icon, title, message), then Try again, then the support part', async () => {
    const { el, internals, root } = await check();
    el.supportContact = 'Call 0800 123 456';
    internals.status.fail(kitError('container-rejected', 'x', { ozErrorCode: 14, requestId: '5c8d2e1a-7f3b' }));
    await el.updateComplete;
    const order = [
      ...root.querySelectorAll('[part=icon], [part=title], [part=status], [part=button], [part=reference]'),
    ];
    expect(order.map((n) => n.getAttribute('part'))).to.deep.equal(['icon', 'title', 'status', 'button', 'reference']);
    expect(root.querySelector('.card')!.classList.contains('problem')).to.equal(true);
    expect(root.querySelector('.short bdi')!.textContent).to.equal('5C8D-2E1A');
    const title = root.querySelector('[part=title]')!;
    expect(parseFloat(getComputedStyle(title).fontSize)).to.be.above(
      parseFloat(getComputedStyle(root.querySelector('[part=status]')!).fontSize),
    );
  });

  it('failed and error are one look: the same colour and the same icon', async () => {
    const look = async (run: (i: Internals) => void) => {
      const { el, internals, root } = await check();
      run(internals);
      await el.updateComplete;
      const icon = root.querySelector('[part=icon] svg')!;
      return [getComputedStyle(icon).color, icon.innerHTML.replace(/<!--.*?-->/g, '')];
    };
    const failed = await look((i) => decided(i, 'FAILED'));
    const error = await look((i) => i.status.fail(kitError('upload-failed')));
    const declined = await look((i) => decided(i, 'DECLINED'));
    expect(failed).to.deep.equal(error);
    expect(declined[0]).to.not.equal(failed[0]);
    expect(declined[1]).to.not.equal(failed[1]);
  });

  it("after an accept: the outcome as a title, what happens next, and the page's next slot instead of the button", async () => {
    const { el, internals, root } = await check(html`<a slot="next" href="#go">Continue</a>`);
    decided(internals, 'SUCCESS');
    await el.updateComplete;
    expect(root.querySelector('[part=status]')!.textContent).to.equal(en['check.outcome.accept']);
    expect(root.querySelector('[part=status]')!.classList.contains('title')).to.equal(true);
    expect(root.querySelector('[part=message]')!.textContent).to.equal(en['banner.message.accept']);
    expect(root.querySelector('[part=button]')).to.equal(null);
    const next = root.querySelector<HTMLSlotElement>('slot[name=next]')!;
    expect(next.assignedElements()[0].textContent).to.equal('Continue');
  });

  it('takes an icon of the page per state (icon-<status>)', async () => {
    const { el, internals, root } = await check(html`<svg slot="icon-reject" id="mine"></svg>`);
    decided(internals, 'DECLINED');
    await el.updateComplete;
    const slot = root.querySelector<HTMLSlotElement>('slot[part=icon]')!;
    expect(slot.name).to.equal('icon-reject');
    expect(slot.assignedElements()[0].id).to.equal('mine');
  });
});
