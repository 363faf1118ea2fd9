/**
 * The hand-off's two devices as a test drives them: the handler on a real loopback port (its log
 * lines and every answer body kept, for canary greps), and the desktop's event stream read from a
 * real socket that a test can cut.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOzLivenessHandler, type OzLivenessHandlerOptions, toNodeHandler } from '../../src/server/index.js';

export interface Served {
  url: string;
  logs: string[];
  /** Every answer body the handler gave through {@link Served.call}, with its status. */
  answers: { status: number; body: string }[];
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answer's fields by name and asserts each.
  call(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: string; json: any }>;
  close(): Promise<void>;
}

export async function serve(options: OzLivenessHandlerOptions): Promise<Served> {
  const logs: string[] = [];
  const handler = createOzLivenessHandler({ log: (line) => logs.push(line), ...options });
  const server = http.createServer(toNodeHandler(handler, { basePath: '/api/liveness' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/liveness`;
  const answers: Served['answers'] = [];
  return {
    url,
    logs,
    answers,
    async call(path, init) {
      const res = await fetch(`${url}${path}`, init);
      const body = await res.text();
      answers.push({ status: res.status, body });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, body, json };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface HandoffEvent {
  id?: string;
  event?: string;
  data: { state: string; folder?: Record<string, unknown> };
}

/** The desktop's stream, read from a real socket: its events, comments, whether it ended. */
export interface EventStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: HandoffEvent[];
  comments: string[];
  raw: string;
  ended: Promise<void>;
  isEnded(): boolean;
  /** Cuts the socket (a dropped connection, not a polite close). */
  drop(): void;
}

export function openEvents(base: string, watchToken?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (watchToken !== undefined) headers['Oz-Handoff-Watch'] = watchToken;
    const req = http.get(`${base}/handoff/events`, { headers }, (res) => {
      let ended = false;
      let buffer = '';
      const stream: EventStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        comments: [],
        raw: '',
        ended: new Promise((done) => {
          res.on('end', () => {
            ended = true;
            done();
          });
          res.on('close', () => {
            ended = true;
            done();
          });
        }),
        isEnded: () => ended,
        drop: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('error', () => {});
      res.on('data', (chunk: string) => {
        stream.raw += chunk;
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else {
              const at = line.indexOf(':');
              if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
            }
          }
          if (fields.data !== undefined) {
            stream.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          }
        }
      });
      resolve(stream);
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
  });
}

/** The states a stream sent, in order. */
export const statesOf = (stream: EventStream) => stream.events.map((e) => e.data.state);

/** The phone's headers: its secret, and for an upload the container type and its key. */
export function phone(secret: string, key?: string): Record<string, string> {
  const headers: Record<string, string> = { 'Oz-Handoff': secret };
  if (key !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    headers['Idempotency-Key'] = key;
  }
  return headers;
}

/** The secret from a create answer's `phoneUrl` fragment. */
export function secretOf(phoneUrl: string): string {
  return new URL(phoneUrl).hash.replace(/^#oz-handoff=/, '');
}
