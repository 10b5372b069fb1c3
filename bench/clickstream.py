#!/usr/bin/env python3
"""Writes a CSV shaped like the public e-commerce clickstream (RetailRocket's events.csv), deterministically.

    python3 bench/clickstream.py --events 2700000 --visitors 1400000 --out /tmp/click.csv

Columns timestamp (epoch milliseconds, ascending), visitorid, event (view 90 %, addtocart 7 %,
transaction 3 %), itemid, transactionid (only on transactions): the size and mix of the real file,
for timing `triggerflow backtest --csv` (docs/benchmarks.md).
"""
import argparse
import random

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--events", type=int, default=2_700_000)
parser.add_argument("--visitors", type=int, default=1_400_000)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, default=7)
arguments = parser.parse_args()

generator = random.Random(arguments.seed)
kinds = ["view"] * 90 + ["addtocart"] * 7 + ["transaction"] * 3
moment = 1433222340000
with open(arguments.out, "w", encoding="utf-8", newline="\n") as out:
    out.write("timestamp,visitorid,event,itemid,transactionid\n")
    for _ in range(arguments.events):
        moment += generator.randint(0, 400)
        kind = generator.choice(kinds)
        order = generator.randint(1, 20_000) if kind == "transaction" else ""
        out.write(f"{moment},{generator.randint(1, arguments.visitors)},{kind},{generator.randint(1, 460_000)},{order}\n")
