// Types of upload.mjs, for bench-server.ts.
import type http from 'node:http';

export declare const MiB: number;
export interface UploadOptions {
  /** A fresh Idempotency-Key on each upload. */
  withKey?: boolean;
}
export declare function upload(agent: http.Agent, url: string, bytes: number, options?: UploadOptions): Promise<void>;
export declare function writeBytes(req: http.ClientRequest, bytes: number, chunk?: Buffer): void;
export declare function batch(url: string, n: number, bytes: number, options?: UploadOptions): Promise<number>;
export declare function median(xs: number[]): number;
