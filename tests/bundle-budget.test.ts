import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS } from '../scripts/bench/budgets';
import {
  type BundleFigures,
  buildExtension,
  type EntryBundle,
  measureBundle,
} from '../scripts/bench/bundle';

/**
 * The bundle budgets of issue 8, on a production build made here into a temporary folder: the
 * figures are deterministic for a given source, and never come from a stale .output.
 * (npm run bench reports the same sizes next to the wall-clock figures.)
 */

let outDir: string;
let bundle: BundleFigures;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'balance-watch-bundle-'));
  bundle = measureBundle(await buildExtension(outDir));
}, 300_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Which files make up the figure, for the failure message. */
function breakdown(entry: EntryBundle): string {
  return entry.files.map((file) => `${file.path} ${file.gzip} B gzip`).join(', ');
}

describe('bundle budgets (production Chrome build, gzip)', () => {
  it(`popup JavaScript is at most ${BUDGETS.popupGzipBytes} bytes`, () => {
    expect(bundle.popup.gzip, breakdown(bundle.popup)).toBeLessThanOrEqual(BUDGETS.popupGzipBytes);
  });

  it(`background JavaScript is at most ${BUDGETS.backgroundGzipBytes} bytes`, () => {
    expect(bundle.background.gzip, breakdown(bundle.background)).toBeLessThanOrEqual(
      BUDGETS.backgroundGzipBytes,
    );
  });

  it('counts every script the pages load before they run', () => {
    // Guards the measurement itself: an entry with no files would pass any budget.
    for (const entry of [bundle.popup, bundle.options, bundle.background]) {
      expect(entry.files.length).toBeGreaterThan(0);
      expect(entry.gzip).toBeGreaterThan(0);
    }
  });
});
