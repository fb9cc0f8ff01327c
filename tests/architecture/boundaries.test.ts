import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer boundaries are biome.json's noRestrictedImports overrides (docs/architecture.md has
 * the table). Each case is one import in a file at a path of the real layout, written to a scratch
 * folder that holds a copy of the project's biome.json; the project's Biome lints the forbidden
 * cases in one run and the allowed ones in another (one run costs about 300 ms). A forbidden
 * import must fail the lint naming the rule at its file; an allowed one must pass.
 */

const RULE = 'lint/style/noRestrictedImports';
const BIOME = join(process.cwd(), 'node_modules/@biomejs/biome/bin/biome');

/** One import of `source` in a file in `path`'s folder, with `path`'s extension. */
type Case = [path: string, source: string];

interface Lint {
  status: number | null;
  output: string;
  /** Where each case's file was written (relative to the scratch folder), by "path source". */
  fileOf: Map<string, string>;
}

let scratch = '';

/** Writes one file per case (its import, in the case's folder) and lints them all at once. */
function lintCases(set: string, cases: Case[]): Lint {
  const fileOf = new Map<string, string>();
  cases.forEach(([path, source], index) => {
    const file = join(dirname(path), `${set}-${index}${extname(path)}`);
    mkdirSync(join(scratch, dirname(file)), { recursive: true });
    writeFileSync(join(scratch, file), `import { value } from '${source}';\n\nexport { value };\n`);
    fileOf.set(`${path} ${source}`, file);
  });
  const run = spawnSync(
    process.execPath,
    [BIOME, 'lint', '--colors=off', '--max-diagnostics=none', ...fileOf.values()],
    { cwd: scratch, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}`, fileOf };
}

const cases = (table: Record<string, string[]>): Case[] =>
  Object.entries(table).flatMap(([path, sources]) => sources.map((source): Case => [path, source]));

const forbidden = cases({
  // Pages: no engine, no storage but the keys, no adapter, registry or HTTP client, no network.
  'components/options/x.tsx': [
    '@/lib/engine/settings-file',
    '@/lib/engine/credentials',
    '@/lib/providers',
    '@/lib/providers/wix',
    '@/lib/providers/acme',
    '../../lib/state',
  ],
  'components/x.ts': [
    '@/lib/storage/guard',
    '@/lib/storage/writer',
    '@/lib/providers/index',
    '@/lib/providers/http',
    'ky',
  ],
  'entrypoints/popup/x.tsx': ['@/lib/engine/badge', '@/lib/storage/items'],
  // Pages read history through history-read only: the database module and its writer are not theirs.
  'components/dashboard/x.tsx': ['@/lib/storage/history-db', '@/lib/storage/writers/history'],
  'entrypoints/dashboard/x.tsx': ['@/lib/engine/round-effects', '@/lib/storage/items'],
  'entrypoints/options/x.tsx': ['@/lib/storage/writer', '@/lib/providers'],
  'lib/view/x.ts': ['@/lib/storage/items', '@/lib/engine/refresh'],
  // Only lib/storage/ uses the items; each layer stays under the ones above it.
  'lib/engine/commands/x.ts': ['@/lib/storage/items', '../../storage/guard'],
  'lib/storage/x.ts': ['@/lib/engine/concurrency', '@/lib/view/account-form'],
  'lib/providers/x.ts': ['@/lib/storage/keys', '@/lib/engine/round'],
  'lib/x.ts': ['@/lib/engine/badge', '@/lib/storage/guard', './state'],
  // lib/alerts/ builds the messages both sides show: page-safe like the lib/ root.
  'lib/alerts/x.ts': ['@/lib/engine/webhooks', '@/lib/storage/items', '../state'],
  'entrypoints/background/x.ts': ['@/components/popup/Popup', '@/lib/storage/items'],
  'tests/components/options/x.test.ts': ['../../../lib/state'],
});

const allowed = cases({
  'components/options/x.tsx': [
    '@/lib/storage/keys',
    '@/lib/messages',
    '@/lib/providers/catalog',
    '@/lib/providers/types',
    '@/lib/providers/form-schema',
    '@/lib/view/account-form',
    '@/components/shared/stores',
  ],
  'entrypoints/popup/x.tsx': ['./style.css', '@/components/popup/Popup'],
  'components/dashboard/x.tsx': ['@/lib/storage/history-read', '@/lib/view/dashboard'],
  'entrypoints/dashboard/x.tsx': ['@/components/dashboard/Dashboard'],
  'entrypoints/background/x.ts': ['@/lib/engine/background'],
  'lib/engine/x.ts': ['@/lib/storage/guard', '@/lib/view/account-form', '@/lib/providers'],
  'lib/storage/writers/x.ts': ['@/lib/storage/items'],
  'lib/providers/x.ts': ['@/lib/providers/http'],
  'lib/x.ts': ['@/lib/storage/keys', '../public/_locales/en/messages.json'],
  'lib/alerts/x.ts': ['@/lib/alerts/event', '@/lib/money', '@/lib/providers/names'],
  'components/options/y.tsx': ['@/lib/alerts/destination-url'],
  // Tests may seed the stores; the simulator and browser tests, run by Node, stay relative.
  'tests/engine/x.test.ts': ['@/lib/storage/items', '../support/accounts'],
  'tests/sim/x.ts': ['../../lib/state'],
  'tests/e2e/x.test.ts': ['../../lib/state'],
});

let rejected: Lint;
let accepted: Lint;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'boundaries-'));
  copyFileSync(join(process.cwd(), 'biome.json'), join(scratch, 'biome.json'));
  rejected = lintCases('forbidden', forbidden);
  accepted = lintCases('allowed', allowed);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('layer boundaries (biome.json noRestrictedImports)', () => {
  it('fails the lint on a forbidden import and passes an allowed one', () => {
    expect(rejected.status).not.toBe(0);
    expect(rejected.output).toContain(RULE);
    expect(accepted.output).not.toContain(RULE);
    expect(accepted.status).toBe(0);
  });

  it.each(forbidden)('reports %s importing %s', (path, source) => {
    const file = rejected.fileOf.get(`${path} ${source}`);
    expect(rejected.output).toContain(`${file}:1:23 ${RULE}`);
  });
});
