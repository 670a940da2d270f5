import { sha256Hex } from "../../../entities/crypto.js";
import type { ChargeResult, PaymentProcessor, RefundResult } from "./processor.js";

/**
 * The built-in processor: no network, no state, the same answer for the same request.
 *
 * Decline rule — a charge is declined when, and only when, the customer's email has the tag
 * `+decline` in its local part (`ada+decline@example.com`), with code `card_declined`. Every
 * other charge succeeds. Opting in by address keeps ordinary orders (and the evaluation suites)
 * from being declined by chance, and lets a person try a decline from chat.
 *
 * Transaction and refund ids are derived from the idempotency key (`txn_test_…`, `rf_test_…`),
 * so a repeated call answers the same id, as a real processor does for a repeated key. Refunds
 * always succeed.
 */
export function createTestPaymentProcessor(): PaymentProcessor {
  return {
    name: "test",
    async charge(request): Promise<ChargeResult> {
      if (request.amountCents <= 0) throw new RangeError("a charge must be for a positive amount");
      if (/\+decline@/i.test(request.customer.email)) {
        return { status: "declined", code: "card_declined", reason: "the card was declined (test processor: +decline address)" };
      }
      return { status: "succeeded", transactionId: `txn_test_${sha256Hex(request.idempotencyKey).slice(0, 16)}` };
    },
    async refund(request): Promise<RefundResult> {
      return { status: "refunded", refundId: `rf_test_${sha256Hex(request.idempotencyKey).slice(0, 16)}` };
    },
  };
}
