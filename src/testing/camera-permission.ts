/**
 * The browser's camera permission as the `camera_refused_at_prompt` scenario leaves it. A real
 * refusal at the prompt the plugin's `getUserMedia` raises turns the site's camera permission to
 * `denied`; a page script cannot change the browser's real setting, so the simulator stands in
 * for `navigator.permissions.query({ name: 'camera' })` on this window until `uninstall()`. Other
 * permission names still get the browser's own answer. Where the page has no
 * `navigator.permissions` (an insecure context, an old engine) nothing changes: the plugin's
 * `on_error` is then all the page learns, as it would be with the real plugin. A camera
 * `PermissionStatus` the page got earlier reads `denied` too, as a live status would (its `change`
 * event does not fire: the simulator cannot reach statuses it did not hand out).
 */

type Query = Permissions['query'];

const RESTORE = new WeakMap<Window, () => void>();
/** The camera's `PermissionStatus.name`: Chromium says `video_capture`, the others `camera`. */
const CAMERA_NAMES = new Set<string>(['camera', 'video_capture']);
/** Windows whose person refused the camera: later `getUserMedia` calls are refused too, as a browser does. */
const REFUSED = new WeakSet<Window>();

/** A `PermissionStatus` that says `denied` (an `EventTarget`, like the browser's, that never changes). */
function deniedStatus(name: string): PermissionStatus {
  const status = new EventTarget();
  Object.defineProperties(status, {
    name: { value: name, enumerable: true },
    state: { value: 'denied', enumerable: true },
    onchange: { value: null, writable: true, enumerable: true },
  });
  return status as PermissionStatus;
}

/**
 * Makes `PermissionStatus` objects the page already holds for the camera read `denied` too (a real
 * status is live: a page may have kept the one it got before the prompt). Returns the undo, or null
 * where the engine has no such prototype or it cannot be changed.
 */
function denyHeldStatuses(win: Window): (() => void) | null {
  const proto = (win as Window & { PermissionStatus?: { prototype: object } }).PermissionStatus?.prototype;
  const own = proto && Object.getOwnPropertyDescriptor(proto, 'state');
  const realState = own?.get;
  if (!proto || !own || !realState) return null;
  try {
    Object.defineProperty(proto, 'state', {
      ...own,
      get(this: PermissionStatus) {
        return CAMERA_NAMES.has(this.name) ? 'denied' : realState.call(this);
      },
    });
  } catch {
    return null;
  }
  return () => Object.defineProperty(proto, 'state', own);
}

/** From now on the camera permission of `win` reads `denied`. Returns false where it cannot. */
export function denyCameraPermission(win: Window): boolean {
  REFUSED.add(win);
  const permissions = win.navigator.permissions as Permissions | undefined;
  if (RESTORE.has(win)) return true;
  if (!permissions || typeof permissions.query !== 'function') return false;
  const own = Object.getOwnPropertyDescriptor(permissions, 'query');
  const real: Query = permissions.query.bind(permissions);
  const query: Query = (descriptor) =>
    (descriptor as { name?: string } | undefined)?.name === 'camera'
      ? Promise.resolve(deniedStatus('camera'))
      : real(descriptor);
  try {
    Object.defineProperty(permissions, 'query', { value: query, configurable: true, writable: true });
  } catch {
    return false; // a frozen navigator: the engine does not let a page stand in
  }
  const undoHeld = denyHeldStatuses(win);
  RESTORE.set(win, () => {
    undoHeld?.();
    if (own) Object.defineProperty(permissions, 'query', own);
    else delete (permissions as { query?: Query }).query;
  });
  return true;
}

/** The person refused the camera on `win` earlier (in this simulator's lifetime): it stays refused. */
export function cameraRefused(win: Window): boolean {
  return REFUSED.has(win);
}

/** Gives `win` back the browser's own permission answers (a no-op when nothing was changed). */
export function restoreCameraPermission(win: Window): void {
  RESTORE.get(win)?.();
  RESTORE.delete(win);
  REFUSED.delete(win);
}
