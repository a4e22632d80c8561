"""Convert the NOC 2021 unit-group list (CSV) into the engine's ``calculator/data/noc.json``.

    python tools/import_noc.py ../shared/reference/noc/noc2021.csv

The CSV has ``code,title_en,title_fr,teer`` (Statistics Canada's NOC 2021 V1.0 unit groups). The JSON keeps one
object, code -> English title, because that is all the engine and the page need: the TEER is the code's second
digit (checked here, so the data cannot disagree with it), and ``json.loads`` of one flat object is the fastest
form to load in Pyodide (measured in bench/bench_engine.py). French titles are left out until they are filled in.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "calculator" / "data" / "noc.json"
ATTRIBUTION = ("Adapted from Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0. "
               "This does not constitute an endorsement by Statistics Canada of this product.")


def convert(csv_path: Path) -> dict[str, object]:
    units: dict[str, str] = {}
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            code, title, teer = row["code"], row["title_en"].strip(), row["teer"]
            if not (len(code) == 5 and code.isascii() and code.isdigit()):
                raise SystemExit(f"{csv_path}:{line}: code {code!r} is not 5 digits")
            if teer != code[1]:
                raise SystemExit(f"{csv_path}:{line}: TEER {teer} does not match the code's second digit")
            if code in units:
                raise SystemExit(f"{csv_path}:{line}: code {code} appears twice")
            units[code] = title
    return {
        "_comment": "NOC 2021 V1.0 unit groups: code -> English title. TEER = the code's second digit. "
                    "Made by tools/import_noc.py; do not edit by hand.",
        "version": "NOC 2021 Version 1.0",
        "licence": "Open Government Licence - Canada",
        "licence_url": "https://open.canada.ca/en/open-government-licence-canada",
        "attribution": ATTRIBUTION,
        "source_url": "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1",
        "units": dict(sorted(units.items())),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    data = convert(Path(argv[0]))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(data['units'])} unit groups to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
