"""The catalogue of services. Adding a service: write its definition module and list it here."""

from __future__ import annotations

from app.services import (
    assistive_devices,
    disability_assessment,
    home_modification,
    two_subsidies,
)
from app.services.model import ServiceDefinition

SERVICES: tuple[ServiceDefinition, ...] = (
    two_subsidies.SERVICE,
    disability_assessment.SERVICE,
    home_modification.SERVICE,
    assistive_devices.SERVICE,
)
# 残疾人服务"一件事" (issue 23): a draft that becomes one application per part when sent; found
# by code like a service, never listed among them (it is decided by none).
from app.services import one_application  # noqa: E402  (it reads the services above)

SERVICES_BY_CODE = {service.code: service for service in (*SERVICES, one_application.SERVICE)}


def get_service(code: str) -> ServiceDefinition | None:
    return SERVICES_BY_CODE.get(code)


# The step keys whose answers are ID numbers tried, counted per account (app/web/rate_limits.py).
STEPS_ASKING_ID_NUMBERS = frozenset(step.key for service in SERVICES_BY_CODE.values()
                                    for step in service.steps if step.asks_id_number)
