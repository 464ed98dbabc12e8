#!/usr/bin/python3
# test-vobject.py — our vCard 4.0 and 3.0 output, read by another program:
# Debian's python3-vobject. Names, email addresses, organizations and notes,
# with ă â î ș ț (and the cedilla ş ţ from Windows-1250), must come out as they
# went in. TAP output.
#
#   test-vobject.py INTEROP_DUMP SAMPLES_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import subprocess
import sys
import os

try:
    import vobject
except ImportError:
    print("1..0 # SKIP python3-vobject is not installed")
    sys.exit(0)

dump, samples = sys.argv[1], sys.argv[2]

# What each sample's contacts must look like in our output: full name,
# (family, given), emails, organization, a piece of the note.
EXPECTED = {
    "google.vcf": [
        ("Ion Popescu", ("Popescu", "Ion"),
         ["ion.popescu@mae.example.ro", "ion@example.ro", "ion.popescu@gmail.example"],
         "Ministerul Afacerilor Externe", "Întâlnire la Iași, 12 martie.\nDe revăzut acordul; urgent."),
        ("Ștefania Țepeș-Bălănescu", ("Țepeș-Bălănescu", "Ștefania"),
         None, None, None),
        ("Consulatul General al României la Milano", None, None, None, None),
    ],
    "outlook.vcf": [
        ("Radu Dumitrescu", ("Dumitrescu", "Radu"), ["radu.dumitrescu@adr.example.ro"],
         "Agenţia pentru Dezvoltare Regională Nord-Est",
         "Prima întâlnire la Brașov și la Târgu Mureș.\nA doua: la Timișoara."),
        ("Ioana Mureșan", None, None, None, None),
        ("Mircea Ţurcanu", None, None, None, None),
    ],
    # a long note: folded at 75 octets, between the bytes of no character
    "thunderbird.vcf": [
        ("Elena Văcărescu", None, None, "Institutul Cultural Român",
         "Scriitoare și poetă; membră a Societății Literare. Limbi: română, franceză, "
         "engleză. Țintă: parteneriate culturale în Țara Românească și în Moldova."),
        ("Mihnea Ștefănescu", None, None, None, None),
    ],
    "generic-ro.csv": [
        ("Ștefan Țepeș", ("Țepeș", "Ștefan"), ["stefan.tepes@primariatm.example.ro"],
         "Primăria Timișoara", "Întâlnire în martie; \"urgent\""),
        ("Ana Ionescu", ("Ionescu", "Ana"), ["ana@example.ro"], None, None),
    ],
}

checks = []


def check(name, ok, detail=""):
    checks.append((name, ok, detail))


def one(card, prop):
    found = card.contents.get(prop.lower())
    return found[0].value if found else None


for sample, expected in EXPECTED.items():
    for version in ("4", "3"):
        what = f"{sample} as vCard {version}.0"
        out = subprocess.run([dump, os.path.join(samples, sample), f"--vcard={version}"],
                             check=True, capture_output=True).stdout
        text = out.decode("utf-8")
        try:
            cards = list(vobject.readComponents(text, validate=True))
        except Exception as e:  # vobject raises its own ParseError and others
            check(f"{what}: vobject reads it", False, repr(e))
            continue
        check(f"{what}: vobject reads {len(expected)} cards", len(cards) == len(expected),
              f"read {len(cards)}")
        for card, (fn, n, emails, org, note) in zip(cards, expected):
            check(f"{what}: VERSION", one(card, "VERSION") == f"{version}.0",
                  repr(one(card, "VERSION")))
            full_name = one(card, "FN")
            if fn is not None:
                check(f"{what}: FN {fn}", full_name == fn, repr(full_name))
            if n is not None:
                value = one(card, "N")
                check(f"{what}: N {n}",
                      value is not None and (value.family, value.given) == n, repr(value))
            if emails is not None:
                got = [e.value for e in card.contents.get("email", [])]
                check(f"{what}: emails of {full_name}", got == emails, repr(got))
            if org is not None:
                value = one(card, "ORG")
                check(f"{what}: ORG {org}", value is not None and value[0] == org, repr(value))
            if note is not None:
                value = one(card, "NOTE")
                check(f"{what}: NOTE of {full_name}", value == note, repr(value))

print(f"1..{len(checks)}")
failed = 0
for i, (name, ok, detail) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        print(f"#   got {detail}")
sys.exit(1 if failed else 0)
