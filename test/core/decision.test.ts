import { expect } from '@open-wc/testing';
import { analysisRows, bestShot, decide, isFolder, normalizeResult, toResult } from '../../src/core/decision.js';

// 1×1 JPEG and PNG headers are enough: bestShot decides by the magic bytes.
const JPEG_B64 = btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1));
const PNG_B64 = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d));

describe('decision (fail closed)', () => {
  const table: [string, unknown, string][] = [
    ['FINISHED + SUCCESS', { resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }, 'accept'],
    ['FINISHED + DECLINED', { resolution_status: 'FINISHED', system_resolution: 'DECLINED' }, 'reject'],
    ['DECLINED without a resolution_status', { system_resolution: 'DECLINED' }, 'reject'],
    ['FAILED + FAILED', { resolution_status: 'FAILED', system_resolution: 'FAILED' }, 'failed'],
    ['SUCCESS while still PROCESSING', { resolution_status: 'PROCESSING', system_resolution: 'SUCCESS' }, 'failed'],
    ['SUCCESS without a resolution_status', { system_resolution: 'SUCCESS' }, 'failed'],
    ['FAILED status + SUCCESS', { resolution_status: 'FAILED', system_resolution: 'SUCCESS' }, 'failed'],
    ['OPERATOR_REQUIRED', { resolution_status: 'FINISHED', system_resolution: 'OPERATOR_REQUIRED' }, 'failed'],
    ['lower-case success', { resolution_status: 'finished', system_resolution: 'success' }, 'failed'],
    ['an unknown value', { resolution_status: 'FINISHED', system_resolution: 'MAYBE' }, 'failed'],
    ['an empty object', {}, 'failed'],
    ['null', null, 'failed'],
    ['a string', 'SUCCESS', 'failed'],
    ['an array', [{ resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }], 'failed'],
    ['a forged decision field', { decision: 'accept', system_resolution: 'FAILED' }, 'failed'],
  ];
  for (const [name, folder, expected] of table) {
    it(`${name} → ${expected}`, () => {
      expect(decide(folder)).to.equal(expected);
    });
  }

  it('toResult keeps the folder and its system_resolution as status', () => {
    const folder = { folder_id: 'f1', resolution_status: 'FINISHED', system_resolution: 'DECLINED' };
    expect(toResult(folder)).to.deep.equal({ decision: 'reject', folder, status: 'DECLINED' });
  });

  it("normalizeResult recomputes a detail's decision from its folder (a forged accept stays failed)", () => {
    const r = normalizeResult({ decision: 'accept', folder: { system_resolution: 'FAILED' }, status: 'SUCCESS' });
    expect(r?.decision).to.equal('failed');
    expect(r?.status).to.equal('FAILED');
  });

  it('normalizeResult takes a bare folder too, and nothing from a non-object', () => {
    expect(normalizeResult({ resolution_status: 'FINISHED', system_resolution: 'SUCCESS' })?.decision).to.equal(
      'accept',
    );
    expect(normalizeResult('accept')).to.equal(undefined);
  });

  it('isFolder wants an object with a folder_id or a system_resolution', () => {
    expect(isFolder({ folder_id: 'x' })).to.equal(true);
    expect(isFolder({ system_resolution: 'SUCCESS' })).to.equal(true);
    expect(isFolder({ ok: true })).to.equal(false);
    expect(isFolder([])).to.equal(false);
  });

  it('analysisRows gives one row per known analysis with its own verdict', () => {
    const rows = analysisRows({
      analyses: [
        { type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS' },
        { type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'DECLINED' },
        { type: 'DOCUMENTS', state: 'FAILED', resolution_status: 'SUCCESS' },
        { type: 'SOMETHING_ELSE', resolution_status: 'SUCCESS' },
      ],
    });
    expect(rows).to.deep.equal([
      { type: 'QUALITY', decision: 'accept' },
      { type: 'BIOMETRY', decision: 'reject' },
      { type: 'DOCUMENTS', decision: 'failed' },
    ]);
  });

  it('bestShot returns real JPEG and PNG bytes as data URLs', () => {
    const folder = (b64: string) => ({
      analyses: [{ type: 'QUALITY', results_media: [{ output_images: [{ image_b64: b64 }] }] }],
    });
    expect(bestShot(folder(JPEG_B64))).to.equal(`data:image/jpeg;base64,${JPEG_B64}`);
    expect(bestShot(folder(PNG_B64))).to.equal(`data:image/png;base64,${PNG_B64}`);
  });

  it('bestShot refuses bytes that are not JPEG/PNG, whatever the text claims', () => {
    const svg = btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const folder = (b64: string) => ({
      analyses: [{ type: 'QUALITY', results_media: [{ output_images: [{ image_b64: b64 }] }] }],
    });
    expect(bestShot(folder(`data:image/jpeg;base64,${svg}`))).to.equal(undefined);
    expect(bestShot(folder('"><script>alert(1)</script>'))).to.equal(undefined);
    expect(
      bestShot({ analyses: [{ type: 'BIOMETRY', results_media: [{ output_images: [{ image_b64: JPEG_B64 }] }] }] }),
    ).to.equal(undefined);
  });
});
