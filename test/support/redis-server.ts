/**
 * A real `redis-server` for a test: started on a free loopback port with nothing saved to disk,
 * stopped after. Fails with a clear message when the Debian package is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createClient } from 'redis';

const newClient = (url: string) => createClient({ url });
export type RedisClient = ReturnType<typeof newClient>;

export interface RunningRedis {
  url: string;
  /** A new connected client (closed by `stop`). */
  client(): Promise<RedisClient>;
  stop(): Promise<void>;
  /** Kills the server (SIGKILL): connections drop at once. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (after `kill`). */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections open and answers nothing, until `resume`. */
  pause(): void;
  resume(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function spawnRedis(port: number): { child: ChildProcess; ready: Promise<void> } {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) =>
      reject(new Error(`redis-server could not start (apt-get install redis-server): ${err.message}`)),
    ),
  );
  const ready = new Promise<void>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  return { child, ready: Promise.race([ready, spawnError]) };
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  let { child, ready } = spawnRedis(port);
  await ready;
  const url = `redis://127.0.0.1:${port}`;
  const clients: RedisClient[] = [];
  return {
    url,
    async client() {
      const client = newClient(url);
      client.on('error', () => {});
      await client.connect();
      clients.push(client);
      return client;
    },
    async stop() {
      const running = child.exitCode === null && child.signalCode === null;
      if (running) child.kill('SIGCONT');
      for (const client of clients) await client.close().catch(() => {});
      if (!running) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      ({ child, ready } = spawnRedis(port));
      await ready;
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}
