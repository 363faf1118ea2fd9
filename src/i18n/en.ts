/**
 * English: the reference catalogue. Its keys are `MessageKey`; every other language must have
 * exactly these keys (the type checker and test/i18n enforce it). The copy speaks of what the person
 * does ("verify it's you", "your video"), says in plain words what they can do next, and holds no
 * code, no vendor name, no "click" and no web address (test/i18n/copy-rules.test.ts).
 *
 * Conventions the renderers rely on (src/i18n/render.ts):
 * - `{browsers}` is filled from `browsers.supported` by `translate`: one list of browsers everywhere.
 * - A key with a `.contact` twin has a variant for a page that set `support-contact`; the twin holds
 *   `{contact}`, which is replaced by the page's text, as text (`contactKey`, `renderMessage`).
 * - A `steps.*` text is a numbered list, one step per line (`stepsKeyFor`, `splitSteps`, `renderSteps`).
 */
const en = {
  'browsers.supported': 'an up-to-date Chrome, Edge, Firefox, Safari or Samsung Internet',

  'check.start': 'Verify it’s you',
  'check.retry': 'Try again',
  'check.state.idle': 'Not started',
  'check.state.loading': 'Getting ready…',
  'check.state.ready': 'Ready to start',
  'check.state.starting': 'Starting the camera…',
  'check.state.capturing': 'Follow the instructions on the screen',
  'check.state.uploading': 'Sending your video…',
  'check.state.analysing': 'Reviewing your video…',
  'check.state.done': 'Finished',
  'check.state.error': 'Something went wrong',
  'check.outcome.accept': 'Verification complete',
  'check.outcome.reject': 'We could not verify you',
  'check.outcome.failed': 'Verification could not be completed',

  'handoff.start': 'Use your phone instead',
  'handoff.scan': 'Scan this code with your phone’s camera, or open this link on your phone:',
  'handoff.qr': 'Code that opens the link on your phone',
  'handoff.timeLeft': 'Time left: {time}',
  'handoff.state.waiting': 'Waiting for your phone…',
  'handoff.state.opened': 'The link is open on your phone.',
  'handoff.state.capturing': 'Continue on your phone.',
  'handoff.state.uploading': 'Your phone is sending your video…',
  'handoff.state.done': 'Finished on your phone.',
  'handoff.state.expired': 'This code has expired.',
  'handoff.state.cancelled': 'Cancelled.',
  'handoff.cancel': 'Cancel',
  'handoff.newCode': 'Get a new code',
  'handoff.phone.done': 'You can now return to your computer.',

  'banner.title.accept': 'Verification complete',
  'banner.title.reject': 'We could not verify you',
  'banner.title.failed': 'Verification could not be completed',
  'banner.message.accept': 'Thank you, we have confirmed it’s you. You can continue.',
  'banner.message.reject':
    'Your video did not pass. Make sure your face is well lit and fully visible, hold the camera at eye level, and try again.',
  'banner.message.failed': 'A technical problem stopped the verification before it finished. Please try again.',
  'banner.message.failed.contact':
    'A technical problem stopped the verification before it finished. Please try again. If it happens again, contact us: {contact}',
  'banner.reference': 'Reference for support:',
  'banner.reference.ozCode': 'Service code {id}',
  'banner.reference.request': 'Request {id}',
  'banner.reference.session': 'Session {id}',
  'banner.reference.check': 'Verification {id}',
  'banner.reference.copy': 'Copy',
  'banner.reference.copied': 'Copied',
  'banner.reference.details': 'Details for support',
  'banner.bestShot': 'Photo taken from your video',

  'analysis.QUALITY': 'Live presence',
  'analysis.BIOMETRY': 'Face match',
  'analysis.DOCUMENTS': 'Document',
  'analysis.accept': 'Passed',
  'analysis.reject': 'Declined',
  'analysis.failed': 'Not completed',

  'error.title.camera': 'Camera not available',
  'error.title.network': 'Connection problem',
  'error.title.check': 'Verification interrupted',
  'error.title.browser': 'This browser is not supported',
  'error.title.device': 'Not enough memory',

  'error.invalid-config': 'Verification is not available on this page at the moment. Please try again later.',
  'error.invalid-config.contact':
    'Verification is not available on this page at the moment. Please contact us: {contact}',
  'error.plugin-load-failed': 'Verification could not load. Check your internet connection and try again.',
  'error.plugin-missing': 'Verification could not start on this page. Please try again later.',
  'error.plugin-missing.contact':
    'Verification could not start on this page. Please try again later. If it happens again, contact us: {contact}',
  'error.plugin-busy': 'Verification is already open on this page. Finish or close it, then try again.',
  'error.session-token-failed': 'Verification could not start. Check your internet connection and try again.',
  'error.session-token-failed.config':
    'Verification cannot start because of a problem on our side, not with your device or connection. Please try again later.',
  'error.session-token-failed.config.contact':
    'Verification cannot start because of a problem on our side, not with your device or connection. Please contact us: {contact}',
  'error.upload-failed': 'Your video could not be sent. Check your internet connection and try again.',
  'error.upload-failed.config':
    'Your video could not be sent because of a problem on our side, not with your device or connection. Please try again later.',
  'error.upload-failed.config.contact':
    'Your video could not be sent because of a problem on our side, not with your device or connection. Please contact us: {contact}',
  'error.upload-timeout': 'Sending your video took too long. Check your internet connection and try again.',
  'error.container-rejected': 'Your video could not be processed. Please record it again.',
  'error.container-rejected.3': 'Your video arrived incomplete. Please record it again.',
  'error.container-rejected.4': 'Your video arrived empty. Please record it again.',
  'error.container-rejected.5': 'Your video arrived damaged. Please record it again.',
  'error.container-rejected.13': 'Your video did not arrive. Please record it again.',
  'error.container-rejected.14': 'Your video could not be confirmed; it may have expired. Please record it again.',
  'error.backend-response-invalid': 'The result could not be read. Please try again later.',
  'error.backend-response-invalid.contact':
    'The result could not be read. Please try again later. If it happens again, contact us: {contact}',
  'error.error_wasm_internal_failure_1':
    'This browser cannot run the verification. Please use {browsers}, or another device.',
  'error.error_wasm_internal_failure_2':
    'Your device ran out of memory. Close other apps and browser tabs, then try again.',
  'error.error_wasm_internal_failure_3': 'Your video could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_4': 'Your video could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_5': 'Your video could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_1000': 'Your video could not be prepared. Please try again.',
  'error.plugin': 'The verification stopped unexpectedly. Please try again.',
  'error.insecure-context':
    'The camera cannot be used on this page because its connection is not secure. Please try again later.',
  'error.insecure-context.contact':
    'The camera cannot be used on this page because its connection is not secure. Please contact us: {contact}',
  'error.camera-unsupported': 'This browser cannot use a camera. Please use {browsers}.',
  'error.camera-unsupported.policy':
    'This page is not allowed to use the camera, so verification cannot start here. Please try again later.',
  'error.camera-unsupported.policy.contact':
    'This page is not allowed to use the camera, so verification cannot start here. Please contact us: {contact}',
  'error.camera-denied':
    'The camera is blocked for this website. Allow the camera in your browser’s settings for this website:',
  'error.camera-denied.chrome': 'The camera is blocked for this website. To allow it in Chrome:',
  'error.camera-denied.edge': 'The camera is blocked for this website. To allow it in Microsoft Edge:',
  'error.camera-denied.firefox': 'The camera is blocked for this website. To allow it in Firefox:',
  'error.camera-denied.safari': 'The camera is blocked for this website. To allow it in Safari:',
  'error.camera-denied.safari-ios': 'The camera is blocked for this website. To allow it in Safari on iPhone or iPad:',
  'error.camera-denied.safari-mac': 'The camera is blocked for this website. To allow it in Safari on a Mac:',
  'error.camera-denied.samsung': 'The camera is blocked for this website. To allow it in Samsung Internet:',
  'error.wasm-unsupported': 'This browser cannot run the verification. Please use {browsers}, or another device.',
  'error.handoff-failed': 'The link to your phone could not be prepared. Check your internet connection and try again.',
  'error.handoff-expired': 'The time to continue on your phone has run out. Please get a new code on your computer.',
  'error.handoff-used': 'This link has already been opened on another device. Please get a new code on your computer.',

  'steps.camera-denied':
    'Open your browser’s settings for this website.\nAllow the camera.\nReturn to this page and select “Try again”.',
  'steps.camera-denied.chrome':
    'Select the icon to the left of the web address.\nTurn on Camera, or set it to Allow.\nSelect “Try again”.',
  'steps.camera-denied.edge':
    'Select the lock icon to the left of the web address.\nSelect Permissions for this site.\nSet Camera to Allow.\nSelect “Try again”.',
  'steps.camera-denied.firefox':
    'Select the crossed-out camera icon in the address bar.\nRemove the block next to Camera.\nSelect “Try again” and allow the camera when asked.',
  'steps.camera-denied.safari':
    'On iPhone or iPad, tap “aA” in the address bar, then Website Settings; on a Mac, choose Safari > Settings for This Website.\nSet Camera to Allow.\nSelect “Try again”.',
  'steps.camera-denied.safari-ios':
    'Tap “aA” in the address bar.\nTap Website Settings.\nSet Camera to Allow, then tap Done.\nTap “Try again”.',
  'steps.camera-denied.safari-mac':
    'In the menu bar, choose Safari > Settings for This Website.\nSet Camera to Allow.\nSelect “Try again”.',
  'steps.camera-denied.samsung':
    'Tap the lock icon to the left of the web address.\nTap Permissions.\nTurn on Camera.\nTap “Try again”.',
} satisfies Record<string, string>;

export default en;
