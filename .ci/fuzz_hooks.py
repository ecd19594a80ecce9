"""Schemathesis hooks for the fuzzing stage (.ci/fuzz).

A Shopify webhook is only read past its signature, so a fuzzer that cannot sign never reaches the
intake's real rules. For POST /webhooks/shopify this hook replaces the generated body by a
Shopify payload of a real topic (orders/paid, refunds/create, orders/updated, orders/cancelled)
whose fields are, with some probability each, replaced by hostile values (negative, absurd or
over-precise amounts, wrong currencies, control characters, wrong types, huge ids), then signs the
exact bytes with the demo shop's webhook secret as Shopify would. Randomness is derived from the
generated case, so a run is reproducible from schemathesis' seed. A signed delivery must be
answered 200 (accepted, duplicate, ignored or rejected) or 400 (malformed), never 5xx; the ledger
audit after the run checks that none of it broke an invariant.
"""

import base64
import copy
import hashlib
import hmac
import json
import os
import random

import schemathesis

SHOP = os.environ.get("FUZZ_SHOP", "demo-shop.myshopify.com")
SECRET = os.environ.get("WEBHOOK_SECRET", "demo-webhook-secret").encode()

HOSTILE = [
    "-50.00", "-0.01", "1e30", "1e999999999", "1E+2147483647", "10000000000000.00", "0.001",
    "9999999999999999999999", "", " ", "abc", "NaN", "Infinity", "\u0000", "\u0007x", "usd dollars",
    "JPY", "XXX", None, -1, 0, 1.5, 2**63, -(2**63), 10**30, True, [], {}, [None], {"a": 1},
    "A" * 300,
]


def order(rnd):
    order_id = rnd.randint(1, 10**12)
    lines = [
        {
            "id": rnd.randint(1, 10**12),
            "price": rnd.choice(["10.00", "19.99", "0.50", "250.00"]),
            "quantity": rnd.randint(1, 3),
            "discount_allocations": rnd.choice([[], [{"amount": "1.00"}]]),
        }
        for _ in range(rnd.randint(1, 3))
    ]
    return {
        "id": order_id,
        "customer": {"id": rnd.choice([1001, 1002, rnd.randint(1, 10**9)])},
        "currency": "USD",
        "financial_status": rnd.choice(["paid", "partially_refunded", "refunded", "voided"]),
        "updated_at": "2026-11-30T10:00:00Z",
        "cancelled_at": rnd.choice([None, "2026-11-30T10:00:00Z"]),
        "line_items": lines,
        "discount_codes": rnd.choice([[], [{"code": "PTS-ABCDE-12345"}]]),
        "shipping_lines": [{"price": "5.00", "discount_allocations": []}],
        "refunds": [],
    }


def refund(rnd, paid):
    line = rnd.choice(paid["line_items"])
    return {
        "id": rnd.randint(1, 10**12),
        "order_id": paid["id"],
        "refund_line_items": [
            {"line_item_id": line["id"], "quantity": 1, "subtotal": line["price"]}
        ],
        "transactions": [{"kind": "refund", "gateway": "manual", "status": "success", "amount": "1.00"}],
    }


def mutate(value, rnd, rate):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if rnd.random() < rate / 4:
                continue  # a missing field
            out[key] = mutate(item, rnd, rate)
        return out
    if isinstance(value, list):
        return [mutate(item, rnd, rate) for item in value]
    return copy.deepcopy(rnd.choice(HOSTILE)) if rnd.random() < rate else value


@schemathesis.hook
def before_call(context, case, **kwargs):
    if case.path != "/webhooks/shopify" or case.method.upper() != "POST":
        return
    seed_text = json.dumps([case.body, case.headers], sort_keys=True, default=str)
    rnd = random.Random(hashlib.sha256(seed_text.encode()).digest())
    topic = rnd.choice(["orders/paid", "refunds/create", "orders/updated", "orders/cancelled"])
    paid = order(rnd)
    payload = refund(rnd, paid) if topic == "refunds/create" else paid
    payload = mutate(payload, rnd, rnd.choice([0.0, 0.05, 0.2]))
    raw = json.dumps(payload).encode()
    signature = base64.b64encode(hmac.new(SECRET, raw, hashlib.sha256).digest()).decode()
    case.body = raw
    headers = dict(case.headers or {})
    headers.update(
        {
            "Content-Type": "application/json",
            "X-Shopify-Topic": topic,
            "X-Shopify-Shop-Domain": SHOP,
            "X-Shopify-Hmac-Sha256": signature,
            "X-Shopify-Event-Id": "fuzz-%d" % rnd.randint(1, 10**15),
            "X-Shopify-Webhook-Id": "fuzz-%d" % rnd.randint(1, 10**15),
        }
    )
    case.headers = headers
