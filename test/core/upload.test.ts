// uploadContainer against the test backend over real HTTP: the Idempotency-Key on every attempt,
// the kit's own headers out of the page's reach, and the backend's X-Request-Id in the error.
import { expect } from '@open-wc/testing';
import { uploadContainer, UploadError, type UploadOptions } from '../../src/core/upload.js';

let n = 0;
const received = async (id: string) => (await fetch(`/test-backend/received?id=${id}`)).json();

function options(query: string, extra: Partial<UploadOptions> = {}): { id: string; options: UploadOptions } {
  const id = `upload-${Date.now()}-${++n}`;
  return {
    id,
    options: {
      url: `/test-backend/upload?id=${id}&${query}`,
      headers: {},
      credentials: 'same-origin',
      retries: 2,
      timeoutMs: 10_000,
      sleep: async () => {},
      ...extra,
    },
  };
}

describe('uploadContainer', () => {
  for (const credentials of ['same-origin', 'omit'] as const) {
    it(`sends one Idempotency-Key on every attempt (${credentials === 'omit' ? 'fetch' : 'XHR'})`, async () => {
      const { id, options: o } = options('seq=503,502,201', { idempotencyKey: 'key-123e4567', credentials });
      const folder = await uploadContainer(new Blob([new Uint8Array(64)]), o);
      expect(folder.folder_id).to.equal(`folder-${id}`);
      const seen = await received(id);
      expect(seen.map((s: { headers: Record<string, string> }) => s.headers['idempotency-key'])).to.deep.equal([
        'key-123e4567',
        'key-123e4567',
        'key-123e4567',
      ]);
    });
  }

  it('never lets the page replace Content-Type or Idempotency-Key, in any letter case', async () => {
    for (const credentials of ['same-origin', 'omit'] as const) {
      const { id, options: o } = options('seq=201', {
        credentials,
        idempotencyKey: 'the-kits-key',
        headers: {
          'content-type': 'text/plain',
          'IDEMPOTENCY-KEY': 'page-key',
          'Idempotency-key': 'other',
          'X-CSRF-Token': 'csrf-1',
        },
      });
      await uploadContainer(new Blob([new Uint8Array(8)]), o);
      const [seen] = await received(id);
      expect(seen.contentType).to.equal('application/octet-stream');
      expect(seen.headers['idempotency-key']).to.equal('the-kits-key');
      expect(seen.headers['x-csrf-token']).to.equal('csrf-1');
    }
  });

  it('puts the failed request’s X-Request-Id in the error detail as requestId', async () => {
    for (const credentials of ['same-origin', 'omit'] as const) {
      const { options: o } = options('seq=503&requestId=req-abc', { credentials, retries: 1 });
      try {
        await uploadContainer(new Blob([new Uint8Array(8)]), o);
        expect.fail('should have failed');
      } catch (e) {
        expect(e).to.be.instanceOf(UploadError);
        expect((e as UploadError).detail).to.include({ code: 'upload-failed', status: 503, requestId: 'req-abc-2' });
      }
    }
  });
});
