"""Generated Comtrade-format trade data with planted discrepancies (tests, demo, benchmarks). Not real data.

Every export row gets a mirror import row from the partner with small noise (weights within ±2 %, CIF =
FOB × 1.05–1.10), except the planted cases: the importer reports ``factor`` times what the exporter
reported (``factor`` > 1: goods entered that the exporter never declared; < 1: goods left that the
importer never declared). The planted keys are returned so that a test can look for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

#: Invented reporters (ISO alpha-3 of real countries, figures fictional).
COUNTRIES: Final = (
    "CHN", "IND", "THA", "VNM", "IDN", "MYS", "PHL", "LKA", "BGD", "NPL", "KHM", "LAO", "MMR", "MNG",
    "PAK", "KOR", "JPN", "SGP", "BTN", "MDV", "FJI", "PNG", "AUS", "NZL", "IRN", "AFG", "BRN", "TLS",
)  # fmt: skip
#: Controlled HS2022 codes: HCFCs 2903.71, HFCs 2903.41–.45, CFCs 2903.77, blends 3827.xx
CODES: Final = (
    "290371",
    "290341",
    "290342",
    "290343",
    "290344",
    "290345",
    "290377",
    "382761",
    "382762",
    "382764",
    "382711",
)


@dataclass(frozen=True, slots=True)
class Planted:
    """One planted discrepancy: the importer reports ``factor`` times the exporter's weight."""

    exporter: str
    importer: str
    hs_code: str
    period: str
    factor: float


def generate_comtrade(
    pairs: int,
    *,
    years: tuple[int, int] = (2019, 2023),
    monthly: bool = False,
    planted_share: float = 0.01,
    seed: int = 7,
    countries: tuple[str, ...] = COUNTRIES,
    codes: tuple[str, ...] = CODES,
    unique_keys: bool = True,
) -> tuple[pl.DataFrame, list[Planted]]:
    """``pairs`` export rows and their mirror import rows (≈ 2 × pairs Comtrade rows), keys drawn at random
    (without repeats unless ``unique_keys`` is False: then several rows may share a key, as Comtrade's rows
    per customs procedure or transport mode do); ``planted_share`` of them carry a gap of ×1.6 or ×0.4."""
    rng = np.random.default_rng(seed)
    n_countries = len(countries)
    exporter = rng.integers(0, n_countries, pairs)
    importer = (exporter + rng.integers(1, n_countries, pairs)) % n_countries  # never the exporter itself
    code = rng.integers(0, len(codes), pairs)
    year = rng.integers(years[0], years[1] + 1, pairs)
    month = rng.integers(1, 13, pairs)
    keys = pl.DataFrame(
        {
            "e": exporter,
            "i": importer,
            "c": code,
            "y": year,
            "m": month if monthly else np.zeros(pairs, dtype=np.int64),
        }
    )
    if unique_keys:
        keys = keys.unique(maintain_order=True)
    n = keys.height
    kg = np.round(rng.lognormal(8.0, 1.2, n), 1)
    plant = rng.random(n) < planted_share
    kg[plant] = np.maximum(kg[plant], 1000.0)  # a planted gap is over any default tolerance (100 kg, 10 %)
    fob = np.round(kg * rng.uniform(2.0, 12.0, n), 2)
    noise = rng.uniform(0.98, 1.02, n)
    cif_ratio = rng.uniform(1.05, 1.10, n)
    factor = np.ones(n)
    factor[plant] = np.where(rng.random(int(plant.sum())) < 0.5, 1.6, 0.4)
    imported = np.round(kg * noise * factor, 1)
    names = np.array(countries)
    code_names = np.array(codes)
    e = names[keys["e"].to_numpy()]
    i = names[keys["i"].to_numpy()]
    c = code_names[keys["c"].to_numpy()]
    y = keys["y"].to_numpy()
    m = keys["m"].to_numpy()
    period = np.char.add(y.astype(str), np.char.zfill(m.astype(str), 2)) if monthly else y.astype(str)
    exports = pl.DataFrame(
        {
            "period": period,
            "reporterISO": e,
            "partnerISO": i,
            "flowCode": "X",
            "cmdCode": c,
            "netWgt": kg,
            "primaryValue": fob,
        }
    )
    imports = pl.DataFrame(
        {
            "period": period,
            "reporterISO": i,
            "partnerISO": e,
            "flowCode": "M",
            "cmdCode": c,
            "netWgt": imported,
            "primaryValue": np.round(fob * cif_ratio * noise * factor, 2),
        }
    )
    frame = pl.concat([exports, imports])
    planted_rows = np.flatnonzero(plant)
    label = [f"{p[:4]}-{p[4:]}" if monthly else p for p in period[planted_rows]]
    planted = [
        Planted(str(e[k]), str(i[k]), str(c[k]), label[j], float(factor[k]))
        for j, k in enumerate(planted_rows)
    ]
    return frame, planted
