// A web-test-runner command that sets the camera permission for real where the engine lets a test
// do it: Chromium over CDP (puppeteer's overridePermissions → Browser.grantPermissions; a camera not
// in the list is refused, and navigator.permissions.query says "denied"). Answers false elsewhere,
// so a test can stub navigator.permissions.query at the edge instead, with the same test count.
//   import { executeServerCommand } from '@web/test-runner-commands';
//   await executeServerCommand('camera-permission', { setting: 'denied' | 'reset' });
export function cameraPermissionPlugin() {
  return {
    name: 'camera-permission',
    async executeCommand({ command, payload, session }) {
      if (command !== 'camera-permission') return undefined;
      const browser = session.browser;
      if (browser.type !== 'puppeteer' || !/^(chrome|chromium)$/i.test(browser.name)) return false;
      const page = browser.getPage(session.id);
      const context = page.browserContext();
      if (payload?.setting === 'denied') await context.overridePermissions(new URL(page.url()).origin, []);
      else await context.clearPermissionOverrides();
      return true;
    },
  };
}
