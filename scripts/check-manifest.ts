/**
 * Checks built extensions against the release rules: least permissions, the providers' documented
 * hosts only, https-only optional hosts, a strict CSP, icons at every size, localized name and
 * description, Firefox id and data-collection declaration, no remote code.
 *
 *   tsx scripts/check-manifest.ts .output/chrome-mv3 .output/firefox-mv3
 *
 * A directory whose name contains "firefox" gets the Firefox rules. Exits 1 on any failure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { presetHostPermissions } from '../lib/providers/presets';

const PERMISSIONS = ['alarms', 'notifications', 'storage'];

/** The hosts of the providers' base-URL presets (DESIGN.md's Providers table), and nothing else. */
const HOST_PERMISSIONS = presetHostPermissions();

/** Custom base URLs: asked for on a click, https only. */
const OPTIONAL_HOST_PERMISSIONS = ['https://*/*'];

const CSP = "script-src 'self'; object-src 'self'";
const ICON_SIZES = [16, 32, 48, 96, 128];
const GECKO_ID = 'balance-watch@balance-watch.dev';
/** Desktop 140 / Android 142 first read data_collection_permissions (web-ext lint says so). */
const GECKO_MIN = 140;
const GECKO_ANDROID_MIN = 142;

type Json = Record<string, unknown>;

function sameSet(actual: unknown, expected: string[]): boolean {
  if (!Array.isArray(actual)) return false;
  const sorted = [...actual].map(String).sort();
  const want = [...expected].sort();
  return sorted.length === want.length && sorted.every((value, i) => value === want[i]);
}

/** Width and height from a PNG's IHDR chunk, or undefined when the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } | undefined {
  const bytes = readFileSync(file);
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

type Fail = (message: string) => void;

interface Built {
  dir: string;
  manifest: Json;
  firefox: boolean;
}

/** Permissions: exactly the least set. */
function checkPermissions({ manifest }: Built, fail: Fail): void {
  if (!sameSet(manifest.permissions, PERMISSIONS)) {
    fail(`permissions ${JSON.stringify(manifest.permissions)} are not exactly ${PERMISSIONS}`);
  }
  if (!sameSet(manifest.host_permissions, HOST_PERMISSIONS)) {
    fail(
      `host_permissions ${JSON.stringify(manifest.host_permissions)} are not the provider hosts`,
    );
  }
  if (!sameSet(manifest.optional_host_permissions, OPTIONAL_HOST_PERMISSIONS)) {
    fail(`optional_host_permissions are not exactly ${OPTIONAL_HOST_PERMISSIONS}`);
  }
  if (manifest.optional_permissions !== undefined) fail('optional_permissions should be absent');
  for (const key of ['content_scripts', 'web_accessible_resources', 'externally_connectable']) {
    if (manifest[key] !== undefined) fail(`${key} should be absent`);
  }
}

/** CSP: strict, and nothing that would govern fetch (no default-src / connect-src). */
function checkCsp({ manifest }: Built, fail: Fail): void {
  const csp = manifest.content_security_policy as Json | undefined;
  if (csp?.extension_pages !== CSP) {
    fail(`content_security_policy.extension_pages is ${JSON.stringify(csp?.extension_pages)}`);
  }
}

/** Localized name and description; every __MSG_key__ exists in the default locale. */
function checkLocales({ dir, manifest }: Built, fail: Fail): void {
  if (manifest.default_locale !== 'en') fail('default_locale is not "en"');
  for (const key of ['name', 'description']) {
    if (!/^__MSG_\w+__$/.test(String(manifest[key]))) fail(`${key} is not a __MSG_ key`);
  }
  const localesDir = join(dir, '_locales');
  const locales = existsSync(localesDir) ? readdirSync(localesDir) : [];
  if (!locales.includes('en')) fail('_locales/en is missing');
  const used = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]);
  for (const locale of locales) {
    const messages = JSON.parse(
      readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'),
    ) as Json;
    for (const key of used) {
      if (!key || !(key in messages)) fail(`__MSG_${key}__ is not in _locales/${locale}`);
    }
  }
}

/** Icons: every size, real PNGs of that size; the action's icons exist too. */
function checkIcons({ dir, manifest }: Built, fail: Fail): void {
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const size of ICON_SIZES) {
    const file = icons[String(size)];
    if (!file) {
      fail(`icons has no ${size}px entry`);
      continue;
    }
    if (!existsSync(join(dir, file))) {
      fail(`icon ${file} is missing`);
      continue;
    }
    const actual = pngSize(join(dir, file));
    if (actual?.width !== size || actual.height !== size) {
      fail(`icon ${file} is ${JSON.stringify(actual)}, not ${size}x${size} PNG`);
    }
  }
}

/** The toolbar badge uses browser.action (MV3) in both browsers. */
function checkAction({ dir, manifest }: Built, fail: Fail): void {
  const action = manifest.action as Json | undefined;
  if (!action) fail('action is missing (the badge needs it)');
  if (manifest.browser_action !== undefined) fail('browser_action should be absent in MV3');
  for (const file of Object.values((action?.default_icon ?? {}) as Record<string, string>)) {
    if (!existsSync(join(dir, file))) fail(`action icon ${file} is missing`);
  }
  const popup = action?.default_popup;
  if (typeof popup !== 'string' || !existsSync(join(dir, popup))) fail('action popup is missing');
}

/** Background: a service worker in Chrome, an event page script in Firefox MV3. */
function checkBackground({ manifest, firefox }: Built, fail: Fail): void {
  const background = (manifest.background ?? {}) as Json;
  if (firefox) {
    if (!Array.isArray(background.scripts) || background.scripts.length === 0) {
      fail('Firefox background.scripts is missing');
    }
  } else if (typeof background.service_worker !== 'string') {
    fail('background.service_worker is missing');
  }
}

/** Firefox: fixed id, a minimum version that knows every key, data collection declared. */
function checkFirefoxSettings({ manifest, firefox }: Built, fail: Fail): void {
  const specific = manifest.browser_specific_settings as Json | undefined;
  if (firefox) {
    const gecko = (specific?.gecko ?? {}) as Json;
    const android = (specific?.gecko_android ?? {}) as Json;
    if (gecko.id !== GECKO_ID) fail(`gecko.id is ${JSON.stringify(gecko.id)}, not ${GECKO_ID}`);
    if (!(Number.parseFloat(String(gecko.strict_min_version)) >= GECKO_MIN)) {
      fail(`gecko.strict_min_version must be >= ${GECKO_MIN}`);
    }
    if (!(Number.parseFloat(String(android.strict_min_version)) >= GECKO_ANDROID_MIN)) {
      fail(`gecko_android.strict_min_version must be >= ${GECKO_ANDROID_MIN}`);
    }
    const data = gecko.data_collection_permissions as Json | undefined;
    if (!sameSet(data?.required, ['none'])) {
      fail('gecko.data_collection_permissions.required must be ["none"]');
    }
    if (data?.optional !== undefined)
      fail('gecko.data_collection_permissions.optional: none expected');
  } else if (specific !== undefined) {
    fail('browser_specific_settings belongs in the Firefox build only');
  }
}

/** No remote code: every script an HTML page loads is packaged, and no code loads from the web. */
function checkNoRemoteCode({ dir }: Built, fail: Fail): void {
  for (const file of listFiles(dir)) {
    const name = relative(dir, file);
    if (file.endsWith('.html')) {
      const html = readFileSync(file, 'utf8');
      if (/<script[^>]+src=["']?(https?:)?\/\//i.test(html)) fail(`${name} loads a remote script`);
    } else if (file.endsWith('.js')) {
      const js = readFileSync(file, 'utf8');
      if (/\b(importScripts|import)\s*\(\s*["'`](https?:)?\/\//.test(js)) {
        fail(`${name} imports remote code`);
      }
    }
  }
}

function check(dir: string): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return [`${manifestPath} is missing (build first)`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Json;
  const built = { dir, manifest, firefox: basename(dir).includes('firefox') };
  if (manifest.manifest_version !== 3)
    fail(`manifest_version is ${manifest.manifest_version}, not 3`);
  checkPermissions(built, fail);
  checkCsp(built, fail);
  checkLocales(built, fail);
  checkIcons(built, fail);
  checkAction(built, fail);
  checkBackground(built, fail);
  checkFirefoxSettings(built, fail);
  checkNoRemoteCode(built, fail);
  return problems;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: tsx scripts/check-manifest.ts <built extension dir>...');
  process.exit(2);
}
let failed = false;
for (const dir of dirs) {
  const problems = check(dir);
  if (problems.length === 0) {
    console.log(`check-manifest: ${dir} ok`);
  } else {
    failed = true;
    for (const problem of problems) console.error(`check-manifest: ${dir}: ${problem}`);
  }
}
process.exit(failed ? 1 : 0);
