"""Photographs of a seizure: metadata stripped on upload, type and size checked with a clear error, each
photo at its own level and served only through the checked view."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from greencustoms.cases import services
from greencustoms.cases.tests.conftest import AT, acting, case_data
from greencustoms.conftest import signed_in_client

pytestmark = pytest.mark.django_db

CAMERA = "CanaryCam-EXIF-55"


def jpeg_with_gps(size: tuple[int, int] = (40, 30), orientation: int = 1) -> bytes:
    """A JPEG carrying a camera model, a GPS position and an orientation in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = CAMERA
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (14.0, 41.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (17.0, 26.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="JPEG", exif=exif, comment=b"secret comment")
    return out.getvalue()


@pytest.fixture
def draft(enforcement_user: Any, partners: Any) -> Any:
    return services.case_create(by=acting(enforcement_user), data=case_data(), at=AT)


def test_the_fixture_file_really_carries_gps_and_camera_metadata() -> None:
    data = jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert exif[ExifTags.Base.Model] == CAMERA
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert CAMERA.encode() in data


def test_upload_strips_exif_and_gps_and_keeps_the_picture_upright(draft: Any, enforcement_user: Any) -> None:
    photo = services.photo_add(
        case=draft,
        by=acting(enforcement_user),
        data=jpeg_with_gps(orientation=6),
        alt_text="Cylinders",
        at=AT,
    )
    stored = Path(photo.image.path).read_bytes()
    assert CAMERA.encode() not in stored and b"secret comment" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info and "comment" not in image.info
        assert image.size == (30, 40)  # orientation 6 (rotate 90°) applied before the tag was dropped
        red, green, blue = image.getpixel((15, 20))
        assert red > 150 and green < 80 and blue < 80
    assert (photo.width, photo.height, photo.content_type) == (30, 40, "image/jpeg")
    # stored in the private storage, never under the public /media/ directory
    assert Path(photo.image.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not Path(photo.image.path).is_relative_to(Path(settings.MEDIA_ROOT))


def test_png_keeps_transparency_and_loses_its_text_chunks(draft: Any, enforcement_user: Any) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "GPS 14.69 -17.44")
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 255, 0)).save(out, format="PNG", pnginfo=info)
    photo = services.photo_add(
        case=draft, by=acting(enforcement_user), data=out.getvalue(), alt_text="x", at=AT
    )
    stored = Path(photo.image.path).read_bytes()
    assert b"GPS 14.69" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0)) == (0, 0, 255, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an image at all", "This file is not a photo that can be read (JPEG, PNG or WebP)."),
        (b"", "The file is empty."),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_reason(
    data: bytes, message: str, draft: Any, enforcement_user: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=draft, by=acting(enforcement_user), data=data, alt_text="x", at=AT)
    assert caught.value.message_dict == {"image": [message]}


def test_other_image_types_and_oversized_files_are_refused(
    draft: Any, enforcement_user: Any, settings: Any
) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=draft, by=acting(enforcement_user), data=gif.getvalue(), alt_text="x", at=AT)
    assert caught.value.message_dict == {"image": ["Send a JPEG, PNG or WebP photo (this file is GIF)."]}
    settings.CASES_PHOTO_MAX_BYTES = 1024 * 1024
    big = b"\xff\xd8" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=draft, by=acting(enforcement_user), data=big, alt_text="x", at=AT)
    assert caught.value.message_dict == {"image": ["The photo is 1.0 MB; the limit is 1.0 MB."]}
    assert draft.photos.count() == 0


def test_alt_text_is_required_and_a_public_caption_may_not_name_the_offender(
    draft: Any, enforcement_user: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=draft, by=acting(enforcement_user), data=jpeg_with_gps(), alt_text=" ", at=AT)
    assert "alt_text" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.photo_add(
            case=draft, by=acting(enforcement_user), data=jpeg_with_gps(), alt_text="Cylinders",
            caption=f"Seized from {draft.offender_name}", public=True, at=AT,
        )  # fmt: skip
    assert "caption" in caught.value.message_dict


def test_the_upload_form_answers_400_with_the_reason(draft: Any, enforcement_user: Any) -> None:
    client = signed_in_client(enforcement_user)
    upload = SimpleUploadedFile("notes.jpg", b"plain text pretending", content_type="image/jpeg")
    answer = client.post(f"/cases/{draft.pk}/photos/", {"image": upload, "alt_text": "Cylinders"})
    assert answer.status_code == 400
    assert "This file is not a photo that can be read (JPEG, PNG or WebP)." in answer.content.decode()
    upload = SimpleUploadedFile("c.jpg", jpeg_with_gps(), content_type="image/jpeg")
    answer = client.post(f"/cases/{draft.pk}/photos/", {"image": upload, "alt_text": "Cylinders"})
    assert answer.status_code == 302 and draft.photos.count() == 1


def _publish(case: Any, sec: Any, enforcement_user: Any) -> None:
    services.case_submit(case=case, by=acting(enforcement_user), at=AT)
    services.case_review(case=case, by=sec, approve=True, note="", at=AT)
    services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
    services.case_publish(case=case, by=sec, at=AT)


def test_each_photo_has_its_level_on_the_page_and_the_file_view(
    draft: Any, enforcement_user: Any, secretariat_user: Any, client: Any
) -> None:
    sec = acting(secretariat_user)
    officer = acting(enforcement_user)
    public = services.photo_add(
        case=draft, by=officer, data=jpeg_with_gps(), alt_text="ALT-PUBLIC cylinders", public=True, at=AT
    )
    restricted = services.photo_add(
        case=draft, by=officer, data=jpeg_with_gps(), alt_text="ALT-RESTRICTED container seal", at=AT
    )
    public_url, restricted_url = public.get_absolute_url(), restricted.get_absolute_url()
    assert client.get(public_url).status_code == 404  # not published: no photo is public yet
    _publish(draft, sec, enforcement_user)
    late = services.photo_add(
        case=draft, by=sec, data=jpeg_with_gps(), alt_text="ALT-LATE", public=True, at=AT
    )

    # anonymous: the approved public photo only
    answer = client.get(public_url)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    assert answer["Cache-Control"] == "public, max-age=300"
    assert CAMERA.encode() not in answer.content
    assert client.get(restricted_url).status_code == 404
    assert client.get(late.get_absolute_url()).status_code == 404  # marked public after the approval
    page = client.get(f"/cases/{draft.pk}/").content.decode()
    assert "ALT-PUBLIC" in page and "ALT-RESTRICTED" not in page and "ALT-LATE" not in page
    api = client.get("/api/v1/cases").json()
    assert [p["alt_text"] for p in api[0]["photos"]] == ["ALT-PUBLIC cylinders"]
    gallery = client.get("/cases/").content.decode()
    assert f'src="{public_url}" alt="ALT-PUBLIC cylinders"' in gallery and "ALT-RESTRICTED" not in gallery

    # enforcement level: every photo, restricted ones never cached
    officer_client = signed_in_client(enforcement_user)
    answer = officer_client.get(restricted_url)
    assert answer.status_code == 200 and answer["Cache-Control"] == "private, no-store"
    page = officer_client.get(f"/cases/{draft.pk}/").content.decode()
    assert "ALT-RESTRICTED" in page and "ALT-LATE" in page

    # approving the summary again approves the photo marked public since
    services.case_approve_summary(case=draft, by=sec, summary=draft.summary, at=AT)
    assert client.get(late.get_absolute_url()).status_code == 200

    # withdrawn: nothing is public any more
    services.case_unpublish(case=draft, by=sec, at=AT)
    assert client.get(public_url).status_code == 404


def test_the_files_are_not_reachable_under_media(draft: Any, enforcement_user: Any, client: Any) -> None:
    photo = services.photo_add(
        case=draft, by=acting(enforcement_user), data=jpeg_with_gps(), alt_text="x", at=AT
    )
    assert client.get(f"{settings.MEDIA_URL}{photo.image.name}").status_code == 404
    assert client.get(f"/private/{photo.image.name}").status_code == 404


def test_only_those_who_may_edit_add_or_remove_photos(
    draft: Any, enforcement_user: Any, officer: Any
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.photo_add(case=draft, by=acting(officer), data=jpeg_with_gps(), alt_text="x", at=AT)
    photo = services.photo_add(
        case=draft, by=acting(enforcement_user), data=jpeg_with_gps(), alt_text="x", at=AT
    )
    with pytest.raises(PermissionDenied):
        services.photo_delete(photo=photo, by=acting(officer))
    path = Path(photo.image.path)
    services.photo_delete(photo=photo, by=acting(enforcement_user))
    assert not path.exists() and draft.photos.count() == 0
