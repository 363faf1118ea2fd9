// The gallery as a visual regression check: each picture taken now against the committed one in
// docs/gallery, pixel by pixel (pixelmatch, anti-aliasing ignored). A picture that changed, a new
// one or one no longer taken fails the check until the pictures are updated on purpose
// (`npm run gallery -- --update`); each difference is written as an image beside the new picture.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** Pixels whose colour moved by less than this (0–1, YIQ distance) count as the same. */
const THRESHOLD = 0.1;
/** A picture may differ in this share of its pixels (stray sub-pixel text rendering), no more. */
const MAX_SHARE = 0.001;

/**
 * Compares `files` (names in `nowDir`) with the same names in `refDir`; `expected` is every `.png`
 * name in `refDir`; `ignore`: per name, the boxes left out. Returns one line per problem, and writes
 * `<name>.diff.png` into `diffDir`.
 */
export function compareGallery({ files, expected, ignore = new Map(), nowDir, refDir, diffDir }) {
  const problems = [];
  const taken = new Set(files);
  for (const name of expected) if (!taken.has(name)) problems.push(`${name}: committed, but no longer taken`);
  for (const name of files) {
    const ref = join(refDir, name);
    if (!existsSync(ref)) {
      problems.push(`${name}: new (no committed picture)`);
      continue;
    }
    const a = PNG.sync.read(readFileSync(ref));
    const b = PNG.sync.read(readFileSync(join(nowDir, name)));
    if (a.width !== b.width || a.height !== b.height) {
      problems.push(`${name}: ${a.width}×${a.height} committed, ${b.width}×${b.height} now`);
      continue;
    }
    // Boxes whose content is new on every run (`ignore`: x, y, h, to the right edge) are blanked in both.
    for (const box of ignore.get(name) ?? []) for (const png of [a, b]) blank(png, box);
    const diff = new PNG({ width: a.width, height: a.height });
    const changed = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: THRESHOLD });
    if (changed > a.width * a.height * MAX_SHARE) {
      writeFileSync(join(diffDir, name.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
      problems.push(`${name}: ${changed} pixels differ (${((100 * changed) / (a.width * a.height)).toFixed(2)} %)`);
    }
  }
  return problems;
}

/** Paints the box `{ x, y, h }` (to the right edge) of `png` one colour. */
function blank(png, { x, y, h }) {
  for (let row = Math.max(0, y); row < Math.min(png.height, y + h); row++)
    for (let col = Math.max(0, x); col < png.width; col++)
      png.data.fill(0, (row * png.width + col) * 4, (row * png.width + col) * 4 + 4);
}
