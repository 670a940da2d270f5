import type { Cents } from "../money.js";

/**
 * The seam in front of whoever moves the money. Orders charge and refunds go through it; the
 * built-in `createTestPaymentProcessor` answers deterministically, and a real processor (Stripe,
 * Adyen…) is an adapter of these two methods passed through `createCore({ services })`.
 *
 * Both methods take an idempotency key: a workflow resumed after a crash repeats the call with
 * the same key, and the processor must answer what it answered the first time instead of
 * moving the money again.
 */
export interface PaymentProcessor {
  /** Stored on Payment.processor. */
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}

export interface ChargeRequest {
  idempotencyKey: string;
  amountCents: Cents;
  currency: string;
  orderId: string;
  customer: { id: string; email: string };
  description: string;
}

export type ChargeResult =
  | { status: "succeeded"; transactionId: string }
  | { status: "declined"; code: string; reason: string };

export interface RefundRequest {
  idempotencyKey: string;
  /** The charge's transaction id; null for a payment recorded without one. */
  transactionId: string | null;
  amountCents: Cents;
  currency: string;
}

export type RefundResult = { status: "refunded"; refundId: string } | { status: "failed"; reason: string };

declare module "../../services.js" {
  interface Services {
    payments: PaymentProcessor;
  }
}
