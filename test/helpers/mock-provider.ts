// A provider stand-in on 127.0.0.1: records every request and answers as the test says (valid, invalid, 429, 500, or never).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** path and query as sent */
  url: string;
  /** the documented host the verifier addressed (the client moves it here when pointed at this server) */
  host: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface MockAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** `hang`: the request is read and never answered. */
export type Responder = (request: RecordedRequest) => MockAnswer | 'hang' | Promise<MockAnswer | 'hang'>;

export interface MockProvider {
  base: string;
  requests: RecordedRequest[];
  /** most requests in progress at once, over the server's life */
  maxInFlight: number;
  respond: Responder;
  close(): Promise<void>;
}

export async function startMockProvider(respond: Responder): Promise<MockProvider> {
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  const mock: MockProvider = {
    base: '',
    requests: [],
    maxInFlight: 0,
    respond,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    mock.maxInFlight = Math.max(mock.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', host: String(req.headers['x-leaksweep-original-host'] ?? req.headers.host), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      mock.requests.push(recorded);
      const answer = await mock.respond(recorded);
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => (inFlight -= 1));
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
      inFlight -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mock;
}
