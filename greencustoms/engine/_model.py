"""Reference data as frozen dataclasses: what the ruleset is compiled from (no Django, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Name:
    """A name by which a controlled item is written in a declaration."""

    text: str
    lang: str = "xx"  # en, fr, es, or xx for codes, designations and formulas
    kind: str = "synonym"  # name, synonym, trade_name, designation, formula


@dataclass(frozen=True, slots=True)
class HsCode:
    """An HS code (4 or 6 digits, or longer national lines) of a controlled item in one edition."""

    edition: str
    code: str
    ex: bool = False  # the code covers other goods too: check the description


@dataclass(frozen=True, slots=True)
class ControlledItem:
    """A substance, mixture, species, waste or product listed by an agreement."""

    agreement: str
    item_id: str
    name: str
    kind: str = "substance"
    listing: str = ""
    names: tuple[Name, ...] = ()
    cas: tuple[str, ...] = ()
    hs_codes: tuple[HsCode, ...] = ()
    controls: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    # legal state of the listing (data/LAYOUT.md): in_force | adopted_not_in_force | deleted | "" (not
    # recorded: a current listing without dates); dates as YYYY-MM-DD text ("" when not recorded)
    status: str = ""
    decision: str = ""
    entry_into_force: str = ""
    deleted_on: str = ""

    @property
    def key(self) -> str:
        return f"{self.agreement}:{self.item_id}"


@dataclass(frozen=True, slots=True)
class Agreement:
    """A multilateral environmental agreement, as far as screening needs it."""

    slug: str
    name: str
    restricts_non_party_trade: bool = False


@dataclass(frozen=True, slots=True)
class PartyStatus:
    """A country's status under an instrument (an agreement or an amendment such as `kigali`)."""

    instrument: str
    country: str  # ISO 3166 alpha-2
    status: str = "party"  # party | signatory
    action: str = ""  # ratification, accession, acceptance, …
    date: str = ""  # YYYY-MM-DD of the instrument deposited ("" when not recorded)
    in_force: str = ""  # YYYY-MM-DD from which the country is bound ("" when not recorded)
    source: str = ""  # a key of data/sources.csv
    as_of: str = ""  # YYYY-MM-DD at which the source states the fact


@dataclass(frozen=True, slots=True)
class PartyCoverage:
    """How far the party list of an instrument is known: complete (`yes`/`assumed`) as at `as_of`, per `source`.

    A statement that a country is *not* a Party is only as good as this date: screening says it."""

    instrument: str
    complete: str = "no"  # yes | assumed | no
    as_of: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class InstrumentRequirement:
    """Trade in items of `agreement` whose listing matches `listing_pattern` (a regular expression,
    searched) is restricted with countries that are not Parties to `instrument` (an amendment)."""

    agreement: str
    listing_pattern: str
    instrument: str
    instrument_name: str = ""
    basis: str = ""  # the treaty provision, shown in the evidence
    severity: str = "high"
    applies_from: str = (
        ""  # YYYY-MM-DD from which the restriction applies ("" = already); before: information
    )


@dataclass(frozen=True, slots=True)
class RiskIndicator:
    """A restricted (level enforcement) risk indicator; every given criterion must match.

    Within one criterion any value matches: an HS prefix, a keyword on word boundaries in the
    description, a country (origin or destination).
    """

    id: str
    title: str
    hs_prefixes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    severity: str = "high"
    agreement: str = ""
    document: str = ""


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """Everything a ruleset is compiled from."""

    items: tuple[ControlledItem, ...]
    agreements: tuple[Agreement, ...] = ()
    parties: tuple[PartyStatus, ...] = ()
    requirements: tuple[InstrumentRequirement, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)  # alpha-3 (and alpha-2) -> alpha-2
    release: str = ""
    coverage: tuple[PartyCoverage, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)  # source key -> title (for "per …")
