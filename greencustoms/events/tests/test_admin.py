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
def test_admin_lists_render_for_the_secretariat(url: str, demo: dict, secretariat_user: Any) -> None:
    assert signed_in_client(secretariat_user).get(url).status_code == 200


def test_admin_is_closed_to_partners(demo: dict, partner_user: Any) -> None:
    response = signed_in_client(partner_user).get(ADMIN_LISTS[0])
    assert response.status_code in (302, 403)


def test_admin_edit_forms_render(demo: dict, secretariat_user: Any) -> None:
    from greencustoms.actions.models import ActionPoint

    client = signed_in_client(secretariat_user)
    action = ActionPoint.objects.first()
    assert client.get(f"/admin/snippets/actions/actionpoint/edit/{action.pk}/").status_code == 200
    assert client.get("/admin/snippets/events/event/add/").status_code == 200
    assert client.get("/admin/snippets/actions/plannedactivity/add/").status_code == 200
