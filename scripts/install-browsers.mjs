// Installs the Debian packages the tests use (Chromium, Firefox ESR, WebKitGTK's MiniBrowser +
// WebKitWebDriver, Xvfb, and redis-server for the shared idempotency store) when they are missing. As root on Debian it runs apt-get itself; elsewhere
// it prints the command and exits non-zero. Test tools' own browser downloads are never used.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const BROWSER_FILES = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkit: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  webkitdriver: '/usr/bin/WebKitWebDriver',
  xvfb: '/usr/bin/Xvfb',
  redis: '/usr/bin/redis-server',
};
const PACKAGES = 'chromium firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb redis-server';
export const INSTALL_HINT = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES}`;

export function missingBrowsers() {
  return Object.entries(BROWSER_FILES)
    .filter(([, f]) => !existsSync(f))
    .map(([n]) => n);
}

export function ensureBrowsers() {
  const missing = missingBrowsers();
  if (missing.length === 0) return true;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(
      `Missing: ${missing.join(', ')}.\nThe tests run in Debian's Chromium, Firefox ESR and WebKitGTK. Install them with:\n  ${INSTALL_HINT}`,
    );
    return false;
  }
  console.log(`Installing browsers from Debian (missing: ${missing.join(', ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${PACKAGES}`, { stdio: 'inherit', env });
  return missingBrowsers().length === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureBrowsers() ? 0 : 1);
