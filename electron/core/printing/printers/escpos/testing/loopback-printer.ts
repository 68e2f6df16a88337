import { createServer, type Server, type Socket } from 'node:net';

/**
 * A network ESC/POS printer of the test's own (port 9100 style, on loopback): it records every
 * byte it receives and answers real-time status queries (DLE EOT 1/2/4) from the state the test
 * sets — paper end, paper near end, cover open — or stays silent like a printer with status off.
 */
export interface LoopbackPrinter {
  port: number;
  address: string;
  /** Everything received, over all connections, in order. */
  received(): Buffer;
  clear(): void;
  state: { coverOpen: boolean; paperEnd: boolean; paperNearEnd: boolean; offline: boolean; answersStatus: boolean };
  close(): Promise<void>;
}

export async function startLoopbackPrinter(): Promise<LoopbackPrinter> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const state = { coverOpen: false, paperEnd: false, paperNearEnd: false, offline: false, answersStatus: true };
  const answer = (n: number): number => {
    if (n === 1) return 0x12 | (state.offline || state.coverOpen || state.paperEnd ? 0x08 : 0);
    if (n === 2) return 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperEnd ? 0x20 : 0);
    if (n === 3) return 0x12;
    if (n === 4) return 0x12 | (state.paperNearEnd ? 0x0c : 0) | (state.paperEnd ? 0x60 : 0);
    return 0x12;
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    // DLE EOT n may arrive split across packets: a small state machine over the byte stream.
    let step = 0;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      for (const byte of d) {
        if (step === 2) {
          if (state.answersStatus) socket.write(Buffer.from([answer(byte)]));
          step = 0;
        } else if (step === 1) step = byte === 0x04 ? 2 : byte === 0x10 ? 1 : 0;
        else if (byte === 0x10) step = 1;
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    received: () => Buffer.concat(chunks),
    clear: () => void chunks.splice(0),
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
