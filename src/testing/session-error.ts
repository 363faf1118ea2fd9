/** A failure that ends a simulated session through `on_error` with `code`. */
export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
