from greencustoms.guide import selectors
from greencustoms.guide.choices import SectionKind, SectionOrder
from greencustoms.guide.models import Section, sort_key
from greencustoms.guide.tests.factories import agreement_section, make_chapter, make_guide, org_section


def titles(chapter):
    return [s.title for s in selectors.chapter_sections(chapter)]


def test_organization_sections_are_in_alphabetical_order_whatever_order_they_were_written_in(partners):
    chapter = make_chapter(make_guide(), 1, section_order=SectionOrder.ALPHABETICAL)
    for acronym in ("WCO", "UNODC", "BRS", "CITES", "OPCW"):
        org_section(chapter, partners[acronym], position=0)
    assert titles(chapter) == sorted(titles(chapter), key=sort_key)
    assert titles(chapter)[0] == "CITES Secretariat"
    assert titles(chapter)[-1] == "World Customs Organization"


def test_renaming_a_section_moves_it_to_its_new_alphabetical_place(partners):
    chapter = make_chapter(make_guide(), 1, section_order=SectionOrder.ALPHABETICAL)
    agreement_section(chapter, "basel", "Basel Convention")
    agreement_section(chapter, "cites", "CITES")
    stockholm = agreement_section(chapter, "stockholm", "Stockholm Convention")
    assert titles(chapter) == ["Basel Convention", "CITES", "Stockholm Convention"]
    stockholm.title = "A Stockholm Convention"
    stockholm.save()
    assert titles(chapter) == ["A Stockholm Convention", "Basel Convention", "CITES"]


def test_order_ignores_case_and_accents(partners):
    chapter = make_chapter(make_guide(), 1, section_order=SectionOrder.ALPHABETICAL)
    for title in ("zeta", "Éclair", "echo", "Delta"):
        agreement_section(chapter, "basel", title)
    assert titles(chapter) == ["Delta", "echo", "Éclair", "zeta"]


def test_written_sections_keep_their_place_before_the_alphabetical_ones(partners):
    chapter = make_chapter(make_guide(), 1, section_order=SectionOrder.ALPHABETICAL)
    agreement_section(chapter, "montreal", "Montreal Protocol")
    Section.objects.create(chapter=chapter, kind=SectionKind.TEXT, title="Zz general advice", position=1)
    Section.objects.create(chapter=chapter, kind=SectionKind.TEXT, title="Aa second advice", position=2)
    agreement_section(chapter, "basel", "Basel Convention")
    assert titles(chapter) == [
        "Zz general advice",
        "Aa second advice",
        "Basel Convention",
        "Montreal Protocol",
    ]


def test_a_manual_chapter_keeps_the_order_entered(partners):
    chapter = make_chapter(make_guide(), 1, section_order=SectionOrder.MANUAL)
    org_section(chapter, partners["WCO"], position=1)
    org_section(chapter, partners["BRS"], position=2)
    assert titles(chapter) == [
        "World Customs Organization",
        "Secretariat of the Basel, Rotterdam and Stockholm Conventions",
    ]


def test_the_outline_orders_chapters_by_position_and_sections_alphabetically_in_few_queries(
    partners, django_assert_max_num_queries
):
    guide = make_guide()
    second = make_chapter(guide, 2, section_order=SectionOrder.ALPHABETICAL)
    make_chapter(guide, 1)
    for acronym in ("WCO", "BRS", "CITES"):
        org_section(second, partners[acronym])
    with django_assert_max_num_queries(4):
        chapters = selectors.guide_chapters(guide)
        names = [[s.title for s in c.ordered] for c in chapters]
    assert [c.position for c in chapters] == [1, 2]
    assert names[1] == sorted(names[1], key=sort_key)
