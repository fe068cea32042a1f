"""The list's table by country: every visible workshop counted under its host country, linked to the
list filtered on that country; regional or online ones last; hidden workshops not counted."""

from __future__ import annotations

import re
from typing import Any

import pytest

from greencustoms.accounts.choices import Level
from greencustoms.training.tests.conftest import make_workshop

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[list[str]]:
    table = html.split('data-testid="by-country"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_table_counts_each_country_links_it_and_hides_what_the_visitor_may_not_see(
    client: Any, partners: Any
) -> None:
    make_workshop(title="Mombasa one", days_ahead=30)
    make_workshop(title="Mombasa two", days_ahead=400, status="held")
    senegal = make_workshop(title="Dakar", days_ahead=60, kind="prosecutors")
    senegal.event.country = "SN"
    senegal.event.save()
    regional = make_workshop(title="Africa regional", days_ahead=90, kind="regional_ttt")
    regional.event.country = ""
    regional.event.save()
    make_workshop(title="Hidden Nairobi", level=Level.INTRANET)  # not public: not counted

    html = client.get("/training/workshops/").content.decode()
    assert _rows(html) == [
        ["Kenya (KE)", "2", "1", "National workshop (2 days)", "2027, 2028"],
        ["Senegal (SN)", "1", "0", "Prosecutors&#x27; and judges&#x27; training", "2027"],
        ["Regional or online", "1", "0", "Regional train-the-trainer workshop (4 days)", "2027"],
    ]
    assert '<a href="/training/workshops/?country=KE">Kenya (KE)</a>' in html
    assert '<a href="#by-country">Workshops by country</a>' in html
    filtered = client.get("/training/workshops/?country=SN").content.decode()
    assert _rows(filtered) == [
        ["Senegal (SN)", "1", "0", "Prosecutors&#x27; and judges&#x27; training", "2027"]
    ]


def test_each_filter_of_the_list_keeps_only_the_matching_workshops(
    client: Any, partners: Any, agreements: Any
) -> None:
    make_workshop(title="Alpha KEN", lead=partners["UNEP"], agreements=[agreements["basel"]], region="africa")
    beta = make_workshop(
        title="Beta WEB", lead=partners["WCO"], kind="webinar", days_ahead=400, region="asia_pacific",
        contributing_partners=[partners["CITES"]], agreements=[agreements["cites"]],
    )  # fmt: skip
    beta.event.country = "TH"
    beta.event.save()

    def titles(query: str) -> list[str]:
        html = client.get(f"/training/workshops/?{query}").content.decode()
        return re.findall(r'data-testid="workshop-row"><td><a href="[^"]+">([^<]+)</a>', html)

    assert titles("") == ["Beta WEB", "Alpha KEN"]
    assert titles("kind=webinar") == ["Beta WEB"]
    assert titles("region=africa") == ["Alpha KEN"]
    assert titles("country=th") == ["Beta WEB"]
    assert titles("year=2027") == ["Alpha KEN"]
    assert titles("partner=CITES") == ["Beta WEB"]  # a contributing partner counts
    assert titles("partner=UNEP") == ["Alpha KEN"]
    assert titles("agreement=basel") == ["Alpha KEN"]
    assert titles("kind=webinar&agreement=basel") == []
