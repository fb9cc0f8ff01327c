import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Measurement 3: the JavaScript each entry loads before it runs, from a production build. An
 * entry's files are the scripts its HTML (or the manifest, for the background) names plus every
 * chunk those import statically, shared chunks included. Chunks reached only through import()
 * load later (the popup's history code after the first paint) and are listed apart.
 */

const BUILD_SCRIPT = fileURLToPath(new URL('./build-extension.ts', import.meta.url));

/** Builds the extension for Chrome into outBase; resolves with the unpacked extension folder. */
export async function buildExtension(outBase: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, outBase], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`wxt build failed (exit ${code}):\n${log}`);
  return join(outBase, 'chrome-mv3');
}

interface BundleFile {
  /** Relative to the extension folder, with forward slashes. */
  path: string;
  raw: number;
  gzip: number;
}

export interface EntryBundle {
  /** Loaded before the entry runs: the named scripts and their static imports. */
  files: BundleFile[];
  raw: number;
  gzip: number;
  /** Reached only through import(). */
  lazy: BundleFile[];
}

export interface BundleFigures {
  popup: EntryBundle;
  options: EntryBundle;
  background: EntryBundle;
}

// Static `import … from "x"`, `import "x"` and `export … from "x"`; not `import("x")`.
const STATIC_IMPORT =
  /\b(?:import|export)\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+|\*|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from\s*)?["']([^"']+\.m?js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.m?js)["']\s*\)/g;
const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g;

function extensionPath(fromFile: string, specifier: string): string {
  if (specifier.startsWith('/')) return specifier.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromFile), specifier));
}

function sizeOf(root: string, path: string): BundleFile {
  const bytes = readFileSync(join(root, path));
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function matches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] as string);
}

/** The entry scripts and everything they import statically, then what only import() reaches. */
function entryBundle(root: string, scripts: readonly string[]): EntryBundle {
  const eager = new Set<string>();
  const lazyCandidates = new Set<string>();
  const queue = [...scripts];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (eager.has(path)) continue;
    eager.add(path);
    const code = readFileSync(join(root, path), 'utf8');
    for (const specifier of matches(STATIC_IMPORT, code)) {
      queue.push(extensionPath(path, specifier));
    }
    for (const specifier of matches(DYNAMIC_IMPORT, code)) {
      lazyCandidates.add(extensionPath(path, specifier));
    }
  }
  const files = [...eager].map((path) => sizeOf(root, path));
  const lazy = [...lazyCandidates]
    .filter((path) => !eager.has(path))
    .map((path) => sizeOf(root, path));
  return {
    files,
    raw: files.reduce((sum, file) => sum + file.raw, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
    lazy,
  };
}

function htmlScripts(root: string, htmlPath: string): string[] {
  const html = readFileSync(join(root, htmlPath), 'utf8');
  return matches(SCRIPT_SRC, html).map((src) => extensionPath(htmlPath, src));
}

interface Manifest {
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  background?: { service_worker?: string };
}

export function measureBundle(root: string): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
  const popup = manifest.action?.default_popup;
  const options = manifest.options_ui?.page ?? manifest.options_page;
  const background = manifest.background?.service_worker;
  if (!popup || !options || !background) {
    throw new Error(`manifest in ${relative(process.cwd(), root)} lacks popup, options or worker`);
  }
  return {
    popup: entryBundle(root, htmlScripts(root, popup)),
    options: entryBundle(root, htmlScripts(root, options)),
    background: entryBundle(root, [background]),
  };
}
