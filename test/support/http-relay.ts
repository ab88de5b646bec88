// A relay between a desktop and its server on 127.0.0.1, for tests that must act at an exact
// point of a conversation: `hold` keeps matching requests waiting (they never reach the server)
// until released, so a test can kill a process in the middle of a sync. Streams pass through,
// and end or break when the server's end of them does.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpRelay {
  url: string;
  /** Holds requests `match` accepts (by method, path and body size); resolves `held` as one arrives. */
  hold(match: (method: string, path: string, bodyBytes: number) => boolean): {
    held: Promise<void>;
    release(): void;
  };
  close(): Promise<void>;
}

export async function startHttpRelay(targetPort: number): Promise<HttpRelay> {
  const holds = new Set<{
    match: (method: string, path: string, bodyBytes: number) => boolean;
    arrived(): void;
    gate: Promise<void>;
  }>();
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        // An upstream that dies mid-answer (a stream cut by the server's exit) cuts the relayed
        // answer too, as a proxy does; a pipe alone would leave it open and silent.
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
  const server = createServer((req, res) => {
    const bytes = Number(req.headers['content-length'] ?? 0);
    const hold = [...holds].find((h) => h.match(req.method ?? 'GET', req.url ?? '/', bytes));
    if (hold === undefined) return forward(req, res);
    hold.arrived();
    void hold.gate.then(() => forward(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (match) => {
      let arrived: () => void = () => undefined;
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const entry = { match, arrived, gate };
      holds.add(entry);
      return {
        held,
        release: () => {
          holds.delete(entry);
          release();
        },
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
