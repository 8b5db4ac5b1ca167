/**
 * What payments sell, without knowing what it is. A feature registers a product adapter for
 * its kind at startup (see app.ts); an order names its product as `{ kind, ref }` and every
 * step that touches the thing bought goes through that kind's adapter. Each hook runs behind
 * the order's own once-only status change, so it runs once per order (fulfil may run again
 * after a crash and must then find what it made).
 */
import type { Types } from 'mongoose';
import type { HttpError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import type { EventKind, EventSubjects } from '../event-trail/record';
import type { OrderDoc } from './order.model';

export interface ProductRef {
  kind: string;
  /** The thing on sale, e.g. an offer. */
  ref: string;
}

/** What the product says about an order when it is placed (its unit already held). */
export interface OrderTerms {
  /** What the member buys, in a few words (the event trail names the order by it). */
  title: string;
  /** The order's description at WeChat Pay (at most 40 characters are sent). */
  description: string;
  /** What the payer pays now. */
  amountFen: number;
  /** The full price; the payer's part, the union's subsidy and the seller's discount make it up. */
  totalFen: number;
  unionSubsidyFen: number;
  payer: { memberId: Types.ObjectId; label: string };
  /** The product's own facts, kept on the order and read back by its hooks (e.g. the quota period). */
  facts: Record<string, unknown>;
}

/** Whether the thing bought may go back for the money, held against use if so. */
export type RefundHold = { held: true } | { held: false; refusal: string; trail: string };

export interface ProductAdapter {
  kind: string;
  /** Refusals in the product's own words (what the member calls it, where they ask for a refund). */
  words: { requestReused: string; paidCannotCancel: string };
  /** The event kinds under which this product's refunds are recorded. */
  refundEvents: { requested: EventKind; refunded: EventKind; failed: EventKind };
  /**
   * Checks the payer may buy `ref`, runs payments' own `beforeHold` check, and holds a unit
   * (stock, quota) for the order about to be written. Throws the refusal; a `ReservationConflict` when a parallel duplicate of the same
   * request may be the one holding the unit.
   */
  reserve(input: {
    actor: Actor;
    ref: string;
    now: Date;
    beforeHold: () => Promise<void>;
    /** The order's request key: what the unit is held under, so a retry finds it again. */
    requestKey: string;
  }): Promise<OrderTerms>;
  /**
   * The order is written (perhaps by an earlier attempt cut off after writing it, or by a
   * parallel duplicate): `ours` are the terms this attempt reserved, if it reserved any.
   */
  orderWritten?(order: Pick<OrderDoc, 'product' | 'memberId' | 'requestKey'>, ours?: OrderTerms): Promise<void>;
  /** The order closed unpaid (timeout, cancel, refusal), or was never written: the held unit goes back. */
  release(order: OrderDoc): Promise<void>;
  /** Paid: delivers the thing bought, once (idempotent by order id), and returns its id. */
  fulfil(order: OrderDoc, now: Date): Promise<Types.ObjectId>;
  /**
   * Before the money goes back: holds what was delivered against use, or says why it cannot go
   * back. Runs again for the same refund (its sending, a resend of the request, the job).
   */
  mayRefund(order: OrderDoc, now: Date): Promise<RefundHold>;
  /** A refund called off or closed: what was delivered is usable again. Returns the trail's words. */
  refundCalledOff(order: OrderDoc): Promise<string>;
  /**
   * The money went back: what was delivered is voided and its unit released. Returns null, or
   * the trail's words when it could not be voided (used meanwhile) and staff must look.
   */
  afterRefund(order: OrderDoc, now: Date): Promise<string | null>;
  /**
   * A payment (`paidAt`) or a refund's success (`refund.finishedAt`) was just recorded on the
   * order, as given: what the product counts of its money (the cadres' figures) is told. May
   * run more than once for an order.
   */
  moneyChanged?(order: OrderDoc): Promise<void>;
  /** The subjects every trail event about the order names besides the order itself. */
  eventSubjects(order: OrderDoc): EventSubjects;
  /** The product's fields of the order as the member sees it. */
  present(order: OrderDoc): Record<string, unknown>;
}

/** Thrown by `reserve` when the refusal may be a parallel duplicate of this very request holding the unit. */
export class ReservationConflict extends Error {
  constructor(readonly refusal: HttpError) {
    super(refusal.message);
  }
}

const adapters = new Map<string, ProductAdapter>();

/** Registers (or replaces: each app built in tests registers again) the adapter of a product kind. */
export function registerProduct(adapter: ProductAdapter): void {
  adapters.set(adapter.kind, adapter);
}

/** The adapter of an order's product (or of a product ref). */
export function productOf(of: { product: { kind: string } } | { kind: string }): ProductAdapter {
  const kind = 'product' in of ? of.product.kind : of.kind;
  const adapter = adapters.get(kind);
  if (!adapter) throw new Error(`no product adapter registered for ${kind}`);
  return adapter;
}
