"""Content packages: SCORM 1.2 and bundle export/import, and launching an imported package's files."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods

from greencustoms.accounts import policy
from greencustoms.learning import player, selectors
from greencustoms.learning.bundle import export_bundle, import_bundle
from greencustoms.learning.forms import PackageUploadForm
from greencustoms.learning.scorm import PackageError, export_package, import_package, sco_file
from greencustoms.learning.views._common import module_or_404, staff_module_or_404


def scorm_export(request: HttpRequest, slug: str) -> HttpResponse:
    module = staff_module_or_404(request, slug)
    version = module.current_version
    assert version is not None  # staff_module_or_404 answers only modules with a current version
    response = HttpResponse(export_package(version), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slug}-scorm12.zip"'
    return response


def bundle_export(request: HttpRequest, slug: str) -> HttpResponse:
    module = staff_module_or_404(request, slug)
    version = module.current_version
    assert version is not None  # staff_module_or_404 answers only modules with a current version
    response = HttpResponse(export_bundle(version), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{version.number}.gcmodule.zip"'
    return response


@require_http_methods(["GET", "POST"])
def package_import(request: HttpRequest) -> HttpResponse:
    """Partner staff and the secretariat upload a SCORM 1.2 package or a greencustoms bundle."""
    if not policy.can_import_learning(request.user):
        raise PermissionDenied
    form = PackageUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        data = upload.read()
        owner = form.cleaned_data["owner"]
        try:
            if form.cleaned_data["kind"] == "bundle":
                version = import_bundle(data, at=timezone.now(), owner=owner, by=request.user)
            else:
                version = import_package(data, owner=owner, at=timezone.now(), by=request.user)
        except PackageError as exc:
            form.add_error("package", str(exc))
        else:
            messages.success(
                request,
                _("Imported %(module)s, version %(n)d.")
                % {"module": version.module.title, "n": version.number},
            )
            return redirect("learning:module", slug=version.module.slug)
    return render(request, "learning/import.html", {"form": form})


def sco_content(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    """Launch a file of an imported SCORM package: to its sandboxed package URL, with a launch token.

    Enrolled learners launch their version; the module's staff the current one. See player.py.
    """
    module = module_or_404(request, slug)
    version, enrolment = selectors.sco_launch_version(request.user, module)
    if version is None or sco_file(version, path) is None:
        raise Http404
    url = player.package_url(
        request,
        slug=module.slug,
        version=version,
        enrolment_id=enrolment.pk if enrolment else None,
        path=path,
    )
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{url}?{query}" if query else url)
    add_never_cache_headers(response)
    return response


@xframe_options_exempt  # framing is ruled by the package's own frame-ancestors (the launch page's origin)
def sco_package(request: HttpRequest, slug: str, token: str, path: str) -> HttpResponseBase:
    """A file of an imported package, by launch token, in a sandbox without the platform's origin.

    The sandboxed frame sends no cookies, so the token (signed, expiring) is the only credential.
    """
    launch = player.read_token(token)
    version = selectors.package_version(launch.version_id, slug) if launch else None
    found = sco_file(version, path) if version else None
    if launch is None or version is None or found is None:
        raise Http404
    if player.is_html(path):
        tracking = selectors.sco_tracking(launch.enrolment_id, version, path) if launch.enrolment_id else None
        data = player.runtime_data(version=version, tracking=tracking)
        page = player.inject_api(found.read_bytes(), data=data, parent_origin=launch.parent_origin)
        response: HttpResponseBase = HttpResponse(page, content_type="text/html; charset=utf-8")
        add_never_cache_headers(response)
    else:
        response = FileResponse(found.open("rb"))
        if not mimetypes.guess_type(path)[0]:
            response["Content-Type"] = "application/octet-stream"
    response["Content-Security-Policy"] = player.content_security_policy(
        request, launch=launch, slug=slug, token=token
    )
    response["X-Content-Type-Options"] = "nosniff"
    # The sandboxed content has an opaque origin: its own XHR/fetch of package files is cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    response._csp_exempt = True  # type: ignore[attr-defined]
    return response
