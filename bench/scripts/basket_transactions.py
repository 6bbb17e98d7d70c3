#!/usr/bin/env python3
"""Writes the basket-mining bench's receipts (BasketBench's generator, at category level) as a transactions file
for `./clientele basket --transactions FILE --id-column receipt --item-column category`, without a database:
N receipts of 1-3 lines (mean 1.7), 18 categories drawn with skewed popularity floor(18*u^2), category 0 pulling
category 1 into the second line of 3 receipts in 5. Usage: basket_transactions.py N FILE"""
import sys

CATEGORIES = 18


def main():
    receipts, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w", buffering=1 << 20) as out:
        out.write("receipt,category\n")
        rows = []
        for i in range(1, receipts + 1):
            m = i % 10
            lines = 1 if m < 5 else 2 if m < 8 else 3
            first = int(CATEGORIES * (((i * 2654435761 + 40503) % 1000003) / 1000003.0) ** 2)
            for ln in range(1, lines + 1):
                if ln == 2 and first == 0 and i % 5 < 3:
                    c = 1
                else:
                    c = int(CATEGORIES * (((i * 2654435761 + ln * 40503) % 1000003) / 1000003.0) ** 2)
                rows.append("%d,Category %02d\n" % (i, c))
            if len(rows) >= 100000:
                out.writelines(rows)
                rows.clear()
        out.writelines(rows)


if __name__ == "__main__":
    main()
