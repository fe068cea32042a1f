"""Screening tests: the shipped reference data imported once per test database; tasks run at commit."""

from io import StringIO
from typing import Any

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    with django_db_blocker.unblock():
        load(stdout=StringIO())
    selectors.forget_index()


@pytest.fixture(autouse=True)
def _fresh_ruleset(settings: Any, tmp_path: Any) -> Any:
    from greencustoms.screening import engine_adapter

    settings.VAR_DIR = tmp_path / "var"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    engine_adapter.forget_ruleset()
    yield
    engine_adapter.forget_ruleset()


CSV = (
    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    "D1,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,CN,GH,10,u,300\n"
    "D1,2,2903.71,Chlorodifluoromethane,CN,GH,10,kg,100\n"
    "D2,1,8415.10,air conditioner with fluorinated gas,CN,GH,5,u,900\n"
    "D3,1,29O3.71,bad code,CN,GH,1,kg,1\n"
    "D4,1,7208.10,steel coils,TR,GH,1,t,500\n"
)
