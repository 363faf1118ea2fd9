/**
 * A hostile Oz on a real loopback port for the deadline tests: it accepts a call and never answers
 * (`silent`), or sends its headers and one byte of body, then stalls (`stall-body`); `ok` answers
 * as Oz would. It counts its sockets, so a test can see whether the handler really let go of a
 * connection it gave up on (a socket still open here is a socket and a descriptor leaked there).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type OzMode = 'silent' | 'stall-body' | 'ok';

export const OK_FOLDER = {
  folder_id: 'f-ok',
  resolution_status: 'FINISHED',
  system_resolution: 'SUCCESS',
  analyses: [{ type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS' }],
};

export class StallingOz {
  mode: OzMode = 'ok';
  /** Every socket open right now. */
  readonly open = new Set<Socket>();
  /** Sockets that carried a call this fake never finished answering, still open (since `forget`). */
  stalled = new Set<Socket>();
  /** Calls received, by path. */
  calls: string[] = [];
  /** Called when a call is left hanging (after its headers, in `stall-body`): the moment to collect garbage. */
  onStall?: () => void;
  url = '';
  readonly #server = http.createServer((req, res) => this.#handle(req, res));

  async start(): Promise<this> {
    this.#server.on('connection', (socket: Socket) => {
      this.open.add(socket);
      socket.once('close', () => {
        this.open.delete(socket);
        this.stalled.delete(socket);
      });
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Starts a new count of stalled sockets (older ones stay in `open`). */
  forget(): void {
    this.stalled = new Set();
    this.calls = [];
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '';
    this.calls.push(path);
    const mode = this.mode;
    req.resume();
    req.on('error', () => {});
    req.once('end', () => {
      if (mode === 'ok') {
        const body = path.endsWith('/session_token') ? { session_token: 'st-ok' } : OK_FOLDER;
        res.writeHead(path.endsWith('/session_token') ? 200 : 201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
        return;
      }
      this.stalled.add(req.socket);
      if (mode === 'stall-body') {
        res.writeHead(path.endsWith('/session_token') ? 200 : 201, { 'Content-Type': 'application/json' });
        res.write('{');
      }
      this.onStall?.();
    });
  }
}
