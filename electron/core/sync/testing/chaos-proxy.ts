import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between a terminal and PostgreSQL that, while chaos is on, cuts every connection
 * after a random lifetime — during login, a push or a pull, whatever is under way.
 */
export interface ChaosProxy {
  port: number;
  /** Connections cut so far. */
  readonly cuts: number;
  /** `alsoOpen`: connections already open (a pool keeps them) get a lifetime too. */
  chaos(on: boolean, alsoOpen?: boolean): void;
  close(): Promise<void>;
}

export async function startChaosProxy(target: { host: string; port: number }, lifetimeMs: [number, number], random: () => number = Math.random): Promise<ChaosProxy> {
  let cuts = 0;
  let chaosOn = false;
  const open = new Set<Socket>();
  const armed = new Set<NodeJS.Timeout>();
  /** Each connection (client side) and how to cut it. */
  const connections = new Map<Socket, () => void>();
  const arm = (client: Socket, end: () => void) => {
    const [min, max] = lifetimeMs;
    const timer = setTimeout(() => {
      armed.delete(timer);
      if (!client.destroyed) {
        cuts++;
        end();
      }
    }, min + random() * (max - min));
    armed.add(timer);
    client.on('close', () => {
      clearTimeout(timer);
      armed.delete(timer);
    });
  };
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
      connections.delete(client);
    };
    connections.set(client, end);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
    if (chaosOn) arm(client, end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    get cuts() {
      return cuts;
    },
    chaos(on, alsoOpen = false) {
      if (on && alsoOpen && !chaosOn) for (const [client, end] of connections) arm(client, end);
      chaosOn = on;
      // Off means off: connections opened during the chaos are not cut later either.
      if (!on) {
        for (const timer of armed) clearTimeout(timer);
        armed.clear();
      }
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
