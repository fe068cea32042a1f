from io import StringIO

from greencustoms.accounts.demo import load as load_accounts
from greencustoms.guide import selectors
from greencustoms.guide.choices import ChapterKind, GuideStatus
from greencustoms.guide.demo import load
from greencustoms.guide.models import Chapter, Guide, ReviewComment, Section


def test_the_demo_edition_has_every_agreed_part_and_is_published_after_review(partners):
    load_accounts(stdout=StringIO())
    load(stdout=StringIO())
    guide = Guide.objects.get()
    assert guide.status == GuideStatus.PUBLISHED
    kinds = list(guide.chapters.values_list("kind", flat=True))
    assert kinds == [
        ChapterKind.FOREWORD,
        ChapterKind.PREFACE,
        ChapterKind.CHAPTER,
        ChapterKind.CHAPTER,
        ChapterKind.CHAPTER,
        ChapterKind.CONCLUSION,
        ChapterKind.ANNEX,
        ChapterKind.ANNEX,
    ]
    assert "alphabetical order" in guide.chapters.get(kind=ChapterKind.PREFACE).intro
    round = guide.rounds.get()
    assert not round.answers.exclude(decision__in=["approved", "approved_with_conditions"]).exists()
    assert not ReviewComment.objects.filter(parent__isnull=True, resolved_at__isnull=True).exists()
    organizations = selectors.chapter_sections(guide.chapters.get(slug="organizations"))
    assert [s.sort_title for s in organizations] == sorted(s.sort_title for s in organizations)
    counts = (Guide.objects.count(), Chapter.objects.count(), Section.objects.count())
    load(stdout=StringIO())  # idempotent
    assert (Guide.objects.count(), Chapter.objects.count(), Section.objects.count()) == counts
