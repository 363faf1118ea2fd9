/**
 * English: the reference catalogue. Its keys are `MessageKey`; every other language must have
 * exactly these keys (the type checker and test/i18n enforce it). Error texts say, in plain words,
 * what the person can do next.
 */
const en = {
  'check.start': 'Start liveness check',
  'check.retry': 'Try again',
  'check.state.idle': 'Not started',
  'check.state.loading': 'Loading…',
  'check.state.ready': 'Ready to start',
  'check.state.starting': 'Starting camera…',
  'check.state.capturing': 'Follow the instructions on screen',
  'check.state.uploading': 'Sending…',
  'check.state.done': 'Check complete',
  'check.state.error': 'Something went wrong',

  'banner.title.accept': 'Check passed',
  'banner.title.reject': 'Check not passed',
  'banner.title.failed': 'Check could not be completed',
  'banner.title.error': 'Something went wrong',
  'banner.message.accept': 'Your liveness check was successful.',
  'banner.message.reject': 'The check was declined. Make sure your face is well lit and fully visible, then try again.',
  'banner.message.failed': 'A system error stopped the check, so there is no decision: it was neither passed nor declined. Please try again.',
  'banner.reference': 'Reference: {id}',
  'banner.bestShot': 'Photo taken during the check',

  'analysis.QUALITY': 'Liveness',
  'analysis.BIOMETRY': 'Face match',
  'analysis.DOCUMENTS': 'Document',
  'analysis.accept': 'Passed',
  'analysis.reject': 'Declined',
  'analysis.failed': 'Not completed',

  'error.invalid-config': 'This check is not set up correctly, so it cannot start. Please contact the website’s support.',
  'error.plugin-load-failed': 'The check could not load. Check your internet connection and try again.',
  'error.plugin-missing': 'The check could not start on this page. Please try again later or contact the website’s support.',
  'error.plugin-busy': 'Another check is already open on this page. Finish or close it, then try again.',
  'error.session-token-failed': 'The check could not start. Check your internet connection and try again.',
  'error.upload-failed': 'Your check could not be sent. Check your internet connection and try again.',
  'error.upload-timeout': 'Sending your check took too long. Check your internet connection and try again.',
  'error.container-rejected': 'Your check could not be processed. Please try again.',
  'error.container-rejected.3': 'Your check arrived incomplete. Please try again.',
  'error.container-rejected.4': 'Your check arrived without a recording. Please try again.',
  'error.container-rejected.5': 'Your check arrived damaged. Please try again.',
  'error.container-rejected.13': 'Your check did not arrive. Please try again.',
  'error.container-rejected.14': 'Your check could not be verified. It may have expired. Please try again.',
  'error.backend-response-invalid': 'The result could not be read. Please try again later or contact the website’s support.',
  'error.error_wasm_internal_failure_1': 'This browser cannot run the check. Please use another browser or device, such as an up-to-date Chrome, Firefox or Safari.',
  'error.error_wasm_internal_failure_2': 'Your device ran out of memory. Close other apps and browser tabs and try again, or use another device.',
  'error.error_wasm_internal_failure_3': 'Your check could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_4': 'Your check could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_5': 'Your check could not be prepared. Please try again.',
  'error.error_wasm_internal_failure_1000': 'Your check could not be prepared. Please try again.',
  'error.plugin': 'The check stopped unexpectedly. Please try again.',
} satisfies Record<string, string>;

export default en;
