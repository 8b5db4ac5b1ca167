/**
 * A local imitation of WeChat Pay (development and tests only; the configuration refuses it in
 * production). Its core (emulator-core.ts) is mounted two ways: as a local HTTP server, whose
 * URL replaces https://api.mch.weixin.qq.com in the client (`npm start`), or, in tests, behind
 * an in-process interceptor on the real host (test-support.ts). Either way the BFF's real
 * client signs the requests and the BFF's real notification routes verify and decrypt what the
 * emulator sends: paying (`pay`) POSTs a signed, encrypted TRANSACTION.SUCCESS notification to
 * the order's notify_url, and an accepted refund is settled a moment later with a REFUND.*
 * notification, as WeChat Pay would.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RefundStatus } from './client';
import {
  EmulatorError,
  EmulatorLedger,
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorTransaction,
} from './emulator-core';
import { createEmulatorIdentity, type EmulatorIdentity } from './emulator-identity';
import {
  buildNotification,
  signWithPlatformKey,
  type NotificationOptions,
  type SignedMessage,
} from './emulator-signing';

export interface Delivery {
  url: string;
  eventType: NotificationOptions['eventType'];
  message: SignedMessage;
  /** Our answer's status; 0 when it could not be delivered. */
  status: number;
  reply: string;
}

type SettledRefundStatus = Exclude<RefundStatus, 'PROCESSING'>;

export interface RefundBehaviour {
  /** How accepted refunds end; `manual` leaves them PROCESSING until `settleRefund`. */
  outcome: SettledRefundStatus | 'manual';
  delayMs: number;
}

export interface WechatPayEmulator {
  identity: EmulatorIdentity;
  /** The local HTTP server's origin, or null when mounted in-process only. */
  url: string | null;
  ledger: EmulatorLedger;
  handle(request: EmulatorRequest): EmulatorReply;
  /** The member pays: SUCCESS, then (unless `notify: false`, a lost notification) the notification. */
  pay(outTradeNo: string, options?: { notify?: boolean }): Promise<Delivery | null>;
  /** Sends a TRANSACTION.SUCCESS notification for the transaction, with parts of it replaced. */
  notifyTransaction(outTradeNo: string, overrides?: Record<string, unknown>): Promise<Delivery>;
  settleRefund(
    outRefundNo: string,
    status: SettledRefundStatus,
    options?: { notify?: boolean },
  ): Promise<Delivery | null>;
  setRefundBehaviour(behaviour: Partial<RefundBehaviour>): void;
  buildNotification(options: NotificationOptions): SignedMessage;
  deliver(url: string, eventType: NotificationOptions['eventType'], message: SignedMessage): Promise<Delivery>;
  deliveries(): Delivery[];
  stop(): Promise<void>;
}

/** WeChat Pay gives up on an answer after 5 seconds. */
const DELIVERY_TIMEOUT_MS = 5000;

export async function startWechatPayEmulator(options: {
  appId: string;
  /** Serve the core over HTTP on 127.0.0.1 (development); tests intercept the real host instead. */
  listen: boolean;
  refunds?: Partial<RefundBehaviour>;
}): Promise<WechatPayEmulator> {
  const identity = await createEmulatorIdentity({ appId: options.appId });
  const sent: Delivery[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  let refundBehaviour: RefundBehaviour = { outcome: 'SUCCESS', delayMs: 200, ...options.refunds };
  let stopped = false;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  };

  const ledger = new EmulatorLedger(identity, (refund) => {
    if (refundBehaviour.outcome === 'manual') return;
    const outcome = refundBehaviour.outcome;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) void emulator.settleRefund(refund.outRefundNo, outcome).catch(() => {});
    }, refundBehaviour.delayMs);
    timer.unref();
    timers.add(timer);
  });

  async function deliver(url: string, eventType: Delivery['eventType'], message: SignedMessage): Promise<Delivery> {
    const delivery: Delivery = { url, eventType, message, status: 0, reply: '' };
    sent.push(delivery);
    await track(
      (async () => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...message.headers },
            body: message.body,
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          });
          delivery.status = response.status;
          delivery.reply = await response.text();
        } catch {
          delivery.status = 0;
        }
      })(),
    );
    return delivery;
  }

  const notifyTransaction = (transaction: EmulatorTransaction, overrides: Record<string, unknown> = {}) =>
    deliver(
      transaction.notifyUrl,
      'TRANSACTION.SUCCESS',
      buildNotification(identity, {
        eventType: 'TRANSACTION.SUCCESS',
        resource: { ...ledger.transactionReply(transaction), ...overrides },
      }),
    );

  const emulator: WechatPayEmulator = {
    identity,
    url: null,
    ledger,
    handle: (request) => ledger.handle(request),
    async pay(outTradeNo, payOptions = {}) {
      const transaction = ledger.markPaid(outTradeNo, new Date());
      return payOptions.notify === false ? null : notifyTransaction(transaction);
    },
    async notifyTransaction(outTradeNo, overrides) {
      const transaction = ledger.transactions.get(outTradeNo);
      if (!transaction) throw new EmulatorError('微信支付中没有这笔订单（尚未下单）');
      return notifyTransaction(transaction, { trade_state: 'SUCCESS', ...overrides });
    },
    async settleRefund(outRefundNo, status, settleOptions = {}) {
      const refund = ledger.settleRefund(outRefundNo, status, new Date());
      if (settleOptions.notify === false || !refund.notifyUrl) return null;
      const eventType = `REFUND.${status}` as const;
      return deliver(
        refund.notifyUrl,
        eventType,
        buildNotification(identity, { eventType, resource: ledger.refundNotificationResource(refund) }),
      );
    },
    setRefundBehaviour(behaviour) {
      refundBehaviour = { ...refundBehaviour, ...behaviour };
    },
    buildNotification: (notification) => buildNotification(identity, notification),
    deliver,
    deliveries: () => [...sent],
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      await closeServer();
    },
  };

  let closeServer = async () => {};
  if (options.listen) {
    const server = createServer((request, response) => {
      void serve(emulator, request)
        .catch((): EmulatorReply => ({ status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } }))
        .then((reply) => {
          const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
          response.writeHead(reply.status, {
            ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
            ...signWithPlatformKey(identity, body),
          });
          response.end(body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    emulator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closeServer = () => stopServer(server);
  }
  return emulator;
}

async function serve(emulator: WechatPayEmulator, request: IncomingMessage): Promise<EmulatorReply> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return emulator.handle({
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: request.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
