/**
 * The clock of one simulated session: its timers, its wake-ups ("Capture now", a camera timeout,
 * a close) and its abort. Everything it starts is cleared by `dispose()`, so a closed session
 * leaves no timer behind.
 */
export class SessionTimers {
  private readonly abort = new AbortController();
  private readonly timers = new Set<number>();
  private readonly wakeListeners = new Set<() => void>();
  /** Set by `advance()`: the current action's remaining waits end at once. */
  skipWait = false;

  constructor(private readonly win: Window) {}

  get aborted(): boolean {
    return this.abort.signal.aborted;
  }

  /** Throws an `AbortError` once the session is closed; called after every await. */
  checkAborted(): void {
    if (this.abort.signal.aborted) throw new DOMException('Session closed', 'AbortError');
  }

  /** Runs `fn` after `ms` unless the session ends first; returns the timer id for {@link cancel}. */
  later(ms: number, fn: () => void): number {
    const id = this.win.setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.add(id);
    return id;
  }

  cancel(id: number | undefined): void {
    if (id === undefined) return;
    this.win.clearTimeout(id);
    this.timers.delete(id);
  }

  /** Subscribes to wake-ups (advance, a camera timeout, close); returns the unsubscribe. */
  onWake(fn: () => void): () => void {
    this.wakeListeners.add(fn);
    return () => this.wakeListeners.delete(fn);
  }

  /** A promise that settles at the next wake-up. */
  nextWake(): Promise<null> {
    return new Promise<null>((resolve) => {
      const off = this.onWake(() => {
        off();
        resolve(null);
      });
    });
  }

  wakeAll(): void {
    [...this.wakeListeners].forEach((fn) => fn());
  }

  /** "Capture now": the current wait (and the rest of the action's waits) ends at once. */
  advance(): void {
    this.skipWait = true;
    this.wakeAll();
  }

  /** Waits `ms`; throws once closed; with `skippable`, `advance()` cuts it short. */
  async pause(ms: number, skippable = false): Promise<void> {
    this.checkAborted();
    if (!(skippable && this.skipWait)) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          this.cancel(timer);
          off();
          this.abort.signal.removeEventListener('abort', finish);
          resolve();
        };
        const timer = this.later(ms, finish);
        const off = skippable ? this.onWake(() => this.skipWait && finish()) : () => true;
        this.abort.signal.addEventListener('abort', finish, { once: true });
      });
    }
    this.checkAborted();
  }

  /** Aborts, clears every timer and wakes every waiter (which then sees the abort). Idempotent. */
  dispose(): void {
    this.abort.abort();
    this.timers.forEach((id) => this.win.clearTimeout(id));
    this.timers.clear();
    this.wakeAll();
  }
}
