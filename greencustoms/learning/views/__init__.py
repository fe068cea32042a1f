"""Pages of the learning app, one module per journey; the URLs name them through this package.

- learners: catalogue, module page, enrolment, "my learning", home panel, unsubscribe
- lessons: the lesson page, its exercises, pictures and the SCORM run-time commit
- assessment: the final test (start, take, result) and certificates (PDF, public verification)
- statistics: staff statistics, CSV and xAPI export
- packages: SCORM and bundle import/export, launching package content
"""

from greencustoms.learning.views.assessment import certificate_pdf, result, take, test, verify
from greencustoms.learning.views.learners import (
    catalogue,
    enrol,
    home_panel,
    module_detail,
    my_learning,
    resume,
    unsubscribe,
)
from greencustoms.learning.views.lessons import lesson, lesson_image, sco_commit
from greencustoms.learning.views.packages import (
    bundle_export,
    package_import,
    sco_content,
    sco_package,
    scorm_export,
)
from greencustoms.learning.views.statistics import stats, stats_csv, xapi_export

__all__ = [
    "bundle_export",
    "catalogue",
    "certificate_pdf",
    "enrol",
    "home_panel",
    "lesson",
    "lesson_image",
    "module_detail",
    "my_learning",
    "package_import",
    "result",
    "resume",
    "sco_commit",
    "sco_content",
    "sco_package",
    "scorm_export",
    "stats",
    "stats_csv",
    "take",
    "test",
    "unsubscribe",
    "verify",
    "xapi_export",
]
