import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { verifyWebhook } from '../../src/notifications/webhook-signature';

/** One e-mail as the SMTP server received it (decoded: subject and text are plain Unicode). */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  notificationId: string;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A real SMTP server on a free local port (smtp-server), keeping every message it accepted. */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              notificationId: headerText(mail.headers.get('x-beamtime-notification')),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer();
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    return smtp;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** One POST a receiver got, with whether its signature checked out against the receiver's secret. */
export interface ReceivedCall {
  deliveryId: string;
  validSignature: boolean;
  body: {
    id: string;
    country: string;
    events: Array<{ id: string; type: string; courseId: string | null; referralId: string | null; data: Record<string, unknown> }>;
  };
}

/**
 * A ministry's receiver: a real HTTP server that verifies each request's signature with its secret and
 * records it. `answer` decides the status of each call (by default 200); returning null holds the
 * request open (a receiver that hangs) until the server closes.
 */
export class TestWebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  answer: (call: ReceivedCall, index: number) => number | null = () => 200;
  private readonly held: ServerResponse[] = [];
  private constructor(
    private readonly server: Server,
    readonly secret: string,
  ) {}

  static async start(secret: string): Promise<TestWebhookReceiver> {
    let receiver: TestWebhookReceiver | null = null;
    const server = createServer((req, res) => void receiver!.handle(req, res));
    receiver = new TestWebhookReceiver(server, secret);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
  }

  /** Every event id received in a correctly signed call. */
  eventIds(): Set<string> {
    return new Set(this.calls.filter((c) => c.validSignature).flatMap((c) => c.body.events.map((e) => e.id)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const call: ReceivedCall = {
      deliveryId: String(req.headers['beamtime-delivery'] ?? ''),
      validSignature: verifyWebhook(this.secret, String(req.headers['beamtime-timestamp']), raw, String(req.headers['beamtime-signature']), Date.now() / 1000),
      body: JSON.parse(raw),
    };
    this.calls.push(call);
    const status = this.answer(call, this.calls.length - 1);
    if (status === null) {
      this.held.push(res);
      return;
    }
    res.writeHead(status).end();
  }

  close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
