from django.urls import reverse

from greencustoms.guide.tests.factories import small_guide


def test_the_secretariat_edits_chapters_and_sections_in_the_admin(client_for, partners, secretariat_user):
    guide = small_guide(partners)
    section = guide.chapters.get(slug="organizations").sections.first()
    client = client_for(secretariat_user)
    assert client.get(reverse("wagtailsnippets_guide_section:list")).status_code == 200
    edit = client.get(reverse("wagtailsnippets_guide_section:edit", args=[section.pk]))
    assert edit.status_code == 200 and section.title in edit.text
    assert client.get(reverse("wagtailsnippets_guide_chapter:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_guide_guide:list")).status_code == 200


def test_partner_staff_do_not_edit_the_guide_in_the_admin(client_for, partners, partner_user):
    small_guide(partners)
    response = client_for(partner_user).get(reverse("wagtailsnippets_guide_section:list"))
    # Partner staff have no access to the admin's snippets: sent to sign in as someone who has.
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/admin/snippets/guide/section/"
