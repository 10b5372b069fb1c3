#!/usr/bin/env python3
"""Writes events.jsonl and clickstream.csv, the backtest samples, deterministically.

Run from anywhere: python3 rules/samples/generate.py
The stories are spelled out below, one function per scenario; the background noise comes from
a fixed-seed generator, so the files only change when this script does.
"""
import csv
import json
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
calls = []


def at(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def emit(kind, when, user=None, anonymous=None, delay_s=2, **fields):
    """One Segment call; it reaches the platform `delay_s` seconds after it happened."""
    call = {"type": kind, "messageId": f"msg-{len(calls) + 1:04d}"}
    if user:
        call["userId"] = user
    if anonymous:
        call["anonymousId"] = anonymous
    call.update(fields)
    call["timestamp"] = iso(when)
    call["receivedAt"] = iso(when + timedelta(seconds=delay_s))
    calls.append(call)
    return call


def track(user, when, event, anonymous=None, delay_s=2, **properties):
    return emit("track", when, user, anonymous, delay_s, event=event, properties=properties)


def identify(user, when, anonymous=None, **traits):
    return emit("identify", when, user, anonymous, traits=traits)


def browse(user, when, category, anonymous=None):
    return emit("page", when, user, anonymous, name="Category", properties={"category": category, "url": f"https://shop.example/c/{category}"})


def back_to_school():
    parent = {"has_children": True, "last_school_purchase": "2025-08-20"}
    # Mary: browses kids' clothes anonymously, signs in (the anonymous visit is merged), browses
    # again and leaves. 24 hours after her latest browse, the email.
    identify("mary", at("2026-07-01T09:00:00Z"), **parent)
    browse(None, at("2026-07-14T10:00:00Z"), "kids-clothing", anonymous="anon-7f3a")
    identify("mary", at("2026-07-14T10:10:00Z"), anonymous="anon-7f3a")
    browse("mary", at("2026-07-14T10:20:00Z"), "kids-clothing")
    track("mary", at("2026-07-14T10:25:00Z"), "viewed product", product="SKU-1001", category="kids-clothing", price=24.99)
    # Paul buys within the day: his window is cancelled.
    identify("paul", at("2026-07-01T09:05:00Z"), **parent)
    browse("paul", at("2026-07-15T12:00:00Z"), "school-supplies")
    track("paul", at("2026-07-15T18:30:00Z"), "purchase", order="O-2001", category="school-supplies", total=42.5, location="online")
    # Ana browses late in the evening: her email falls in quiet hours and is held until 08:00.
    identify("ana", at("2026-07-01T09:10:00Z"), **parent)
    browse("ana", at("2026-07-16T22:30:00Z"), "kids-clothing")
    # Bob last shopped for school in 2024: not in the segment when his window fires.
    identify("bob", at("2026-07-01T09:15:00Z"), has_children=True, last_school_purchase="2024-08-10")
    browse("bob", at("2026-07-17T11:00:00Z"), "kids-clothing")
    # Eve browses shoes: not a back-to-school category, no window.
    identify("eve", at("2026-07-01T09:20:00Z"), **parent)
    browse("eve", at("2026-07-18T11:00:00Z"), "shoes")
    # Liz unsubscribed from email: the window fires but there is no consent.
    emit("identify", at("2026-07-01T09:25:00Z"), "liz", traits=parent, context={"consent": {"categoryPreferences": {"email": False}}})
    browse("liz", at("2026-07-19T09:00:00Z"), "school-supplies")
    for i in range(1, 9):
        user = f"parent-{i:02d}"
        identify(user, at("2026-07-02T08:30:00Z") + timedelta(minutes=i), **parent)
        browse(user, at("2026-07-20T10:00:00Z") + timedelta(hours=i), "kids-clothing" if i % 2 else "school-supplies")
        if i % 3 == 0:
            track(user, at("2026-07-20T16:00:00Z") + timedelta(hours=i), "purchase", order=f"O-30{i:02d}", category="kids-clothing", total=30, location="store")


def carts():
    # Carla adds two items to one cart and never checks out: one reminder, an hour after the first.
    track("carla", at("2026-07-06T10:00:00Z"), "added to cart", cart="C-1", product="SKU-2001", price=19.0, quantity=1)
    track("carla", at("2026-07-06T10:20:00Z"), "added to cart", cart="C-1", product="SKU-2002", price=9.5, quantity=2)
    # Chen checks out in time: cancelled.
    track("chen", at("2026-07-06T11:00:00Z"), "added to cart", cart="C-2", product="SKU-2003", price=55.0, quantity=1)
    track("chen", at("2026-07-06T11:40:00Z"), "checkout", cart="C-2", total=55.0)
    # Dana abandons two carts the same day: the second reminder hits the email channel cap (1 a day).
    track("dana", at("2026-07-07T09:00:00Z"), "added to cart", cart="C-3", product="SKU-2004", price=12.0, quantity=1)
    track("dana", at("2026-07-07T14:00:00Z"), "added to cart", cart="C-4", product="SKU-2005", price=14.0, quantity=1)
    # Dev adds to cart at 23:30: the reminder is held until morning.
    track("dev", at("2026-07-08T23:30:00Z"), "added to cart", cart="C-5", product="SKU-2006", price=80.0, quantity=1)
    # A retried delivery of Dev's event (same message id): changes nothing.
    calls.append(dict(calls[-1]))


def geofence():
    for user in ("gina", "gus", "gwen"):
        identify(user, at("2026-07-01T10:00:00Z"), app_installed=True)
    track("gina", at("2026-07-09T12:00:00Z"), "entered store area", store="S-01", store_name="Main Street", distance_m=120)
    # Gina walks past again an hour later: once a day at most.
    track("gina", at("2026-07-09T13:00:00Z"), "entered store area", store="S-01", store_name="Main Street", distance_m=90)
    # Gus passes at night: a push then is worthless, dropped.
    track("gus", at("2026-07-09T22:15:00Z"), "entered store area", store="S-02", store_name="Station", distance_m=200)
    # Gwen is 800 m away: outside the rule's 300 m.
    track("gwen", at("2026-07-09T12:30:00Z"), "entered store area", store="S-02", store_name="Station", distance_m=800)


def resupply():
    # Toothpaste: Tom's tube runs out 30 days after his purchase; Tia buys again, restarting the count.
    track("tom", at("2026-06-05T10:00:00Z"), "purchase", order="O-4001", category="toothpaste", brand="Brightsmile", total=3.5, location="store")
    track("tia", at("2026-06-06T10:00:00Z"), "purchase", order="O-4002", category="toothpaste", brand="Brightsmile", total=3.5, location="online")
    track("tia", at("2026-06-26T10:00:00Z"), "purchase", order="O-4003", category="toothpaste", brand="Brightsmile", total=3.5, location="online")
    # Coffee (a draft rule, which a backtest runs): app users get reminded 16 days on.
    for user in ("cora", "cliff", "cyd"):
        identify(user, at("2026-06-01T08:00:00Z"), app_installed=True)
        track(user, at("2026-07-01T09:00:00Z"), "purchase", order=f"O-5{user}", category="coffee", brand="Roastery", total=12, location="online")


def travel():
    # Theo's flight is 90 minutes late: the hotel gets an email, Theo an SMS. When he lands, the
    # directions SMS hits the SMS channel cap (one a day).
    track("theo", at("2026-07-10T14:00:00Z"), "flight delayed", flight="TF123", delay_minutes=90, hotel="Harbour Hotel", hotel_email="desk@harbour.example")
    track("theo", at("2026-07-10T19:30:00Z"), "flight landed", flight="TF123", airport="AMS", hotel="Harbour Hotel")
    # Tara's delay is reported at 02:30: dropped, stale by morning.
    track("tara", at("2026-07-11T02:30:00Z"), "flight delayed", flight="TF456", delay_minutes=60, hotel="Dune Inn", hotel_email="desk@dune.example")
    track("tara", at("2026-07-12T11:00:00Z"), "flight landed", flight="TF456", airport="LIS", hotel="Dune Inn")
    # Ted's 20-minute delay is below the rule's 45.
    track("ted", at("2026-07-10T15:00:00Z"), "flight delayed", flight="TF789", delay_minutes=20, hotel="Harbour Hotel", hotel_email="desk@harbour.example")


def service_and_stores():
    identify("sam", at("2026-07-01T11:00:00Z"), preferred_channel="sms")
    identify("pia", at("2026-07-01T11:00:00Z"), preferred_channel="push", app_installed=True)
    for user in ("ray", "sam", "pia"):
        track(user, at("2026-07-12T15:00:00Z"), "ticket resolved", ticket=f"T-{user}", topic="delivery")
    # Store visits: a follow-up the next day (or three days on, by variant); 60 days on, the lapsed-visitor draft.
    for i, user in enumerate(("vic", "val", "vera", "sam")):
        track(user, at("2026-06-02T11:00:00Z") + timedelta(days=i), "store visit", store="S-01")
    # Churn: Hugo's household has three lines and names price, so both churn rules fire and the
    # higher-priority price offer wins; Hana's names service.
    identify("hugo", at("2026-07-01T12:00:00Z"), lines=3, loyalty_tier="silver")
    identify("hana", at("2026-07-01T12:00:00Z"), lines=2)
    track("hugo", at("2026-07-21T10:00:00Z"), "churn signal", score=0.82, reasons=["price", "coverage"])
    track("hana", at("2026-07-21T10:00:00Z"), "churn signal", score=0.75, reasons=["service"])
    # First 90 days: Nina's first purchase is in a store and she does not buy online within a
    # week; Ned does, which cancels his window.
    track("nina", at("2026-07-03T16:00:00Z"), "purchase", order="O-6001", category="groceries", total=25, location="store")
    track("ned", at("2026-07-03T16:00:00Z"), "purchase", order="O-6002", category="groceries", total=25, location="store")
    track("ned", at("2026-07-05T20:00:00Z"), "purchase", order="O-6003", category="groceries", total=18, location="online")
    # Next product: clicked, then viewed within the hour, no purchase: related products.
    track("nora", at("2026-07-22T10:00:00Z"), "clicked product", product="SKU-7001", category="toys", list="search")
    track("nora", at("2026-07-22T10:05:00Z"), "viewed product", product="SKU-7001", category="toys", price=35.0)
    # Nick clicks but never opens the page: the sequence expires.
    track("nick", at("2026-07-22T11:00:00Z"), "clicked product", product="SKU-7002", category="toys", list="search")
    # Noel's purchase arrives two hours after it happened: late, counted and ignored.
    track("noel", at("2026-07-22T12:00:00Z"), "clicked product", product="SKU-7003", category="garden", list="home")
    track("noel", at("2026-07-22T12:10:00Z"), "viewed product", product="SKU-7003", category="garden", price=60.0)
    track("noel", at("2026-07-22T12:20:00Z"), "purchase", delay_s=7200, order="O-7003", category="garden", total=60, location="online")
    track("noel", at("2026-07-22T14:00:00Z"), "viewed product", product="SKU-7004", category="garden", price=12.0)


def noise(rng):
    """Anonymous visitors browsing: they open windows but are in no segment, so nothing is sent."""
    categories = ["kids-clothing", "school-supplies", "shoes", "garden", "toys", "kitchen"]
    for i in range(150):
        visitor = f"anon-{rng.randrange(16**4):04x}"
        when = at("2026-07-01T08:00:00Z") + timedelta(minutes=rng.randrange(60 * 24 * 28))
        if rng.random() < 0.6:
            browse(None, when, rng.choice(categories), anonymous=visitor)
        else:
            track(None, when, "viewed product", anonymous=visitor, product=f"SKU-{rng.randrange(1000, 9999)}", category=rng.choice(categories), price=round(rng.uniform(5, 90), 2))
    # Calls the engine has no use for: counted and reported once.
    track("mary", at("2026-07-02T20:00:00Z"), "Song Played", name="Fallin for You")
    emit("screen", at("2026-07-02T20:01:00Z"), "mary", name="Home")


def write_events():
    back_to_school()
    carts()
    geofence()
    resupply()
    travel()
    service_and_stores()
    noise(random.Random(20260714))
    calls.sort(key=lambda c: (c["receivedAt"], c["messageId"]))
    with open(os.path.join(HERE, "events.jsonl"), "w", newline="\n") as out:
        for call in calls:
            out.write(json.dumps(call, separators=(",", ":")) + "\n")


def write_clickstream():
    """RetailRocket's shape: timestamp (epoch ms), visitorid, event, itemid, transactionid."""
    rng = random.Random(1433221332)
    start = datetime(2015, 6, 2, 5, 0, tzinfo=timezone.utc)
    rows = []
    for visitor in range(1, 81):
        visitor_id = 257000 + visitor * 37
        when = start + timedelta(minutes=rng.randrange(60 * 24 * 6))
        items = [rng.randrange(10000, 470000) for _ in range(rng.randrange(1, 4))]
        for item in items:
            for _ in range(rng.randrange(1, 3)):
                rows.append((when, visitor_id, "view", item, ""))
                when += timedelta(minutes=rng.randrange(1, 15))
        if visitor % 3 == 0:
            rows.append((when, visitor_id, "addtocart", items[0], ""))
            when += timedelta(minutes=rng.randrange(5, 120))
            if visitor % 2 == 0:
                rows.append((when, visitor_id, "transaction", items[0], str(1000 + visitor)))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(HERE, "clickstream.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["timestamp", "visitorid", "event", "itemid", "transactionid"])
        for when, visitor_id, event, item, transaction in rows:
            writer.writerow([int(when.timestamp() * 1000), visitor_id, event, item, transaction])


if __name__ == "__main__":
    write_events()
    write_clickstream()
