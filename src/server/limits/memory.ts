/** The limits' counts in this process: enough for one instance. */
import type { Counters, CounterSettings, UploadSlot } from './types.js';

/**
 * Fixed windows, one per client, kept in a Map in the order they started: every window has the same
 * length, so the oldest is always first, and each hit drops the expired ones from the front. The
 * cost of a hit does not grow with the number of clients (`npm run bench:limits`).
 */
export function memoryCounters({ max, windowMs, concurrentUploads, perClient }: CounterSettings): Counters {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const uploadsOf = new Map<string, number>();
  let uploads = 0;
  return {
    async hit(client) {
      const now = Date.now();
      for (const [key, window] of windows) {
        if (window.resetAt > now) break;
        windows.delete(key);
      }
      let current = windows.get(client);
      if (!current) windows.set(client, (current = { count: 0, resetAt: now + windowMs }));
      current.count++;
      return current.count > max ? Math.max(1, Math.ceil((current.resetAt - now) / 1000)) : undefined;
    },
    async takeSlot(client): Promise<UploadSlot | number> {
      if (concurrentUploads === undefined && perClient === undefined) return { release() {} };
      const mine = uploadsOf.get(client) ?? 0;
      if (concurrentUploads !== undefined && uploads >= concurrentUploads) return 1;
      if (perClient !== undefined && mine >= perClient) return 1;
      uploads++;
      uploadsOf.set(client, mine + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          uploads--;
          const left = (uploadsOf.get(client) ?? 1) - 1;
          if (left > 0) uploadsOf.set(client, left);
          else uploadsOf.delete(client);
        },
      };
    },
  };
}
