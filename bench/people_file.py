"""An HR delivery of N fictitious people for bench/people.sh: valid
personnummer, five administrations, a manager each. With round 1, 1 % of
the people move to another administration, 0.5 % are gone and 0.5 % are
new."""
import sys

ADMINS = ["Kommunledningsförvaltningen", "Barn- och utbildningsförvaltningen",
          "Vård- och omsorgsförvaltningen", "Samhällsbyggnadsförvaltningen",
          "Kultur- och fritidsförvaltningen"]


def personnummer(i):
    serial, rest = i % 1000, i // 1000
    day, rest = 1 + rest % 28, rest // 28
    month, rest = 1 + rest % 12, rest // 12
    year = 1950 + rest % 50
    nine = f"{year % 100:02}{month:02}{day:02}{serial:03}"
    total = 0
    for k, c in enumerate(nine):
        v = int(c) * (2 if k % 2 == 0 else 1)
        total += v // 10 + v % 10
    return f"{year}{month:02}{day:02}-{serial:03}{(10 - total % 10) % 10}"


def main():
    n, round_ = int(sys.argv[1]), int(sys.argv[2])
    out = sys.stdout
    out.write("employee_number;personnummer;given_name;family_name;email;administration;title;manager;start_date;end_date\n")
    people = range(n)
    if round_:
        people = [i for i in range(n) if i % 200 != 7] + list(range(n, n + n // 200))
    for i in people:
        admin = i % 5
        if round_ and i % 100 == 3:
            admin = (admin + 1) % 5
        manager = "" if i < 5 else f"B{i % 5:07}"
        out.write(f"B{i:07};{personnummer(i)};Person{i};Efternamn{i % 997};person{i}@bench.ystad.se;"
                  f"{ADMINS[admin]};Handläggare;{manager};2015-01-01;\n")


main()
