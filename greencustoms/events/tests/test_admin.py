"""The secretariat keeps meetings and the partnership's records in the Wagtail admin."""

from typing import Any

import pytest

from greencustoms.conftest import signed_in_client

ADMIN_LISTS = [
    "/admin/snippets/events/event/",
    "/admin/snippets/events/meetingsession/",
    "/admin/snippets/events/participant/",
    "/admin/snippets/events/keyoutcome/",
    "/admin/snippets/events/meetingreport/",
    "/admin/snippets/actions/actionpoint/",
    "/admin/snippets/actions/plannedactivity/",
    "/admin/snippets/actions/membershiprequest/",
    "/admin/snippets/actions/fundingproposal/",
]


@pytest.mark.parametrize("url", ADMIN_LISTS)
def test_admin_lists_show_the_records_to_the_secretariat(url: str, demo: dict, secretariat_user: Any) -> None:
    from django.apps import apps
    from django.utils.html import escape

    app_label, model_name = url.strip("/").split("/")[-2:]
    model = apps.get_model(app_label, model_name)
    records = list(model.objects.all()[:3])
    assert records, f"the demo data has no {model_name}"
    response = signed_in_client(secretariat_user).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for record in records:
        # The list shows each record by its title (Wagtail may shorten a long one).
        assert escape(str(record))[:40] in page, (url, str(record))


def test_admin_is_closed_to_partners(demo: dict, partner_user: Any) -> None:
    response = signed_in_client(partner_user).get(ADMIN_LISTS[0])
    # Partner staff have no access to the admin: sent to sign in as someone who has.
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/admin/snippets/events/event/"


def test_admin_edit_forms_render(demo: dict, secretariat_user: Any) -> None:
    from greencustoms.actions.models import ActionPoint

    client = signed_in_client(secretariat_user)
    action = ActionPoint.objects.first()
    assert client.get(f"/admin/snippets/actions/actionpoint/edit/{action.pk}/").status_code == 200
    assert client.get("/admin/snippets/events/event/add/").status_code == 200
    assert client.get("/admin/snippets/actions/plannedactivity/add/").status_code == 200
