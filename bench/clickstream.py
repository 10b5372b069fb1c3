#!/usr/bin/env python3
"""Writes a CSV shaped like a public e-commerce clickstream, deterministically.

    python3 bench/clickstream.py --events 2700000 --visitors 1400000 --out /tmp/click.csv
    python3 bench/clickstream.py --shape rees46 --events 10000000 --out /tmp/rees46.csv

--shape retailrocket (the default) follows RetailRocket's events.csv: columns timestamp (epoch
milliseconds, ascending), visitorid, event (view 90 %, addtocart 7 %, transaction 3 %), itemid,
transactionid (only on transactions): the size and mix of the real file, for timing
`triggerflow backtest --csv` (docs/benchmarks.md).

--shape rees46 follows the REES46 multi-category store's monthly files (2019-Oct.csv):
event_time (`2019-10-01 00:00:00 UTC`, ascending), event_type (view, cart, remove_from_cart,
purchase), product_id, category_id, category_code (often empty), brand (sometimes empty), price,
user_id, user_session (a UUID per visit). Visits interleave; a visit's carts and purchases are of
products it viewed. rules/samples/rees46.csv is this shape's small sample (docs/backtest.md says
how it was written). Every value is synthetic.
"""
import argparse
import functools
import random
import uuid
from datetime import datetime, timedelta, timezone

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--shape", choices=["retailrocket", "rees46"], default="retailrocket")
parser.add_argument("--events", type=int, default=2_700_000)
parser.add_argument("--visitors", type=int, default=1_400_000)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, default=7)
parser.add_argument("--gap", type=int, default=None,
                    help="rees46: the most seconds between two events (default 1: a month of the real file is 42 M events)")
arguments = parser.parse_args()

generator = random.Random(arguments.seed)


def retailrocket(out):
    kinds = ["view"] * 90 + ["addtocart"] * 7 + ["transaction"] * 3
    moment = 1433222340000
    out.write("timestamp,visitorid,event,itemid,transactionid\n")
    for _ in range(arguments.events):
        moment += generator.randint(0, 400)
        kind = generator.choice(kinds)
        order = generator.randint(1, 20_000) if kind == "transaction" else ""
        out.write(f"{moment},{generator.randint(1, arguments.visitors)},{kind},{generator.randint(1, 460_000)},{order}\n")


CATEGORIES = [
    "electronics.smartphone", "electronics.audio.headphone", "electronics.video.tv", "computers.notebook",
    "appliances.kitchen.washer", "appliances.kitchen.refrigerators", "appliances.environment.vacuum",
    "apparel.shoes", "furniture.living_room.sofa", "kids.toys", "", "", "",
]
BRANDS = ["samsung", "apple", "xiaomi", "huawei", "lg", "sony", "bosch", "lenovo", "acer", "respect", "", ""]


@functools.lru_cache(maxsize=None)
def product(number):
    """The same product every time it is drawn: its id, category id and code, brand and price."""
    own = random.Random(number)
    category = own.randrange(len(CATEGORIES))
    return (1_000_000 + number, 2_053_013_552_226_107_603 + category * 1_000_003, CATEGORIES[category],
            own.choice(BRANDS), f"{own.uniform(5, 2500):.2f}")


def rees46(out):
    out.write("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n")
    gap = arguments.gap if arguments.gap is not None else 1
    products = max(50, arguments.events // 200)
    moment = datetime(2019, 10, 1, tzinfo=timezone.utc)
    visits = []
    for _ in range(arguments.events):
        # About eight events a visit; a few visits open at once, interleaving as the real file's do.
        if len(visits) < 6:
            visitor = 512_000_000 + generator.randrange(arguments.visitors)
            visits.append([visitor, str(uuid.UUID(int=generator.getrandbits(128), version=4)), [], []])
        visit = generator.choice(visits)
        visitor, session, viewed, carted = visit
        draw = generator.random()
        if viewed and draw < 0.08:
            kind, item = "cart", generator.choice(viewed)
            carted.append(item)
        elif carted and draw < 0.11:
            kind, item = "remove_from_cart", carted.pop()
        elif carted and draw < 0.25:
            kind, item = "purchase", carted.pop(0)
        else:
            kind, item = "view", generator.randrange(products)
            viewed.append(item)
        if generator.random() < 0.12:
            visits.remove(visit)
        moment += timedelta(seconds=generator.randint(0, gap))
        product_id, category_id, code, brand, price = product(item)
        out.write(f"{moment:%Y-%m-%d %H:%M:%S} UTC,{kind},{product_id},{category_id},{code},{brand},{price},{visitor},{session}\n")


with open(arguments.out, "w", encoding="utf-8", newline="\n") as out:
    (rees46 if arguments.shape == "rees46" else retailrocket)(out)
