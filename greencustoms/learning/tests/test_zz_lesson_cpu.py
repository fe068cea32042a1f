"""Temporary in-process measurement (not committed): CPU time per lesson page through the whole stack."""
import statistics, time
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from greencustoms.learning import services

def test_lesson_cpu(module, officer, settings):
    settings.DEBUG = False
    services.enrolment_create(user=officer, module=module, at=timezone.now() - timedelta(days=1))
    n = module.current_version.lessons.count()
    client = Client()
    client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    for p in range(1, n + 1):
        assert client.get(f"/learning/ozone/lessons/{p}/").status_code == 200
    cpu, wall = [], []
    for i in range(600):
        p = 1 + (i // 4) % n  # next lesson every 4th request: a quarter write
        c0, w0 = time.process_time(), time.perf_counter()
        r = client.get(f"/learning/ozone/lessons/{p}/")
        cpu.append((time.process_time() - c0) * 1000); wall.append((time.perf_counter() - w0) * 1000)
        assert r.status_code == 200
    cpu.sort(); wall.sort()
    print(f"\nCPURESULT cpu_p50={statistics.median(cpu):.2f} cpu_p95={cpu[int(.95*len(cpu))]:.2f} wall_p50={statistics.median(wall):.2f} wall_p95={wall[int(.95*len(wall))]:.2f}")
