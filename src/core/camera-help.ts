/**
 * Which "allow the camera" text (and its numbered steps, `steps.*`) fits the browser in use. Only
 * to pick words: the panels differ per browser, so a person gets the steps of the one they hold.
 */
/** A key of the i18n catalogue (`error.camera-denied…`); core names keys, the i18n module owns their words. */
type MessageKey =
  | 'error.camera-denied'
  | `error.camera-denied.${'safari-ios' | 'firefox' | 'samsung' | 'edge' | 'chrome' | 'safari-mac' | 'safari'}`;

// First match wins. Every browser on iPhone and iPad is Safari underneath and takes Safari's
// setting; Samsung Internet and Edge carry "Chrome/" but have their own panels; Chrome's UA also says
// "Safari/", so Safari is matched last. An iPad asking for the desktop site says "Macintosh" and has
// touch: the Mac text names Safari's menu, which still leads there.
const CAMERA_HELP: readonly (readonly [RegExp, MessageKey])[] = [
  [/iPhone|iPad|iPod|CriOS\/|FxiOS\/|EdgiOS\//, 'error.camera-denied.safari-ios'],
  [/Firefox\//, 'error.camera-denied.firefox'],
  [/SamsungBrowser\//, 'error.camera-denied.samsung'],
  [/EdgA?\//, 'error.camera-denied.edge'],
  [/Chrome\/|Chromium\//, 'error.camera-denied.chrome'],
  [/Macintosh.*Safari\//, 'error.camera-denied.safari-mac'],
  [/Safari\//, 'error.camera-denied.safari'],
];

/** The message key that says how to allow the camera in the browser of `userAgent`. */
export function cameraHelpKey(userAgent: string | undefined): MessageKey {
  return CAMERA_HELP.find(([pattern]) => pattern.test(userAgent ?? ''))?.[1] ?? 'error.camera-denied';
}
