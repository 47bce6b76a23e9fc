"""Writing the access log. Every view, search, export and denied access of personal data
calls ``record`` with a purpose a person can read later."""

from .models import AccessLog, Action

__all__ = ["Action", "record", "record_many"]


def client_ip(request) -> str | None:
    # REMOTE_ADDR is the proxy's address behind a load balancer; the proxy is trusted to set
    # X-Forwarded-For, and its last hop is the one it saw.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _actor(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record(request, action: str, obj=None, *, purpose: str, object_type: str = "") -> AccessLog:
    return AccessLog.objects.create(
        actor=_actor(request),
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        purpose=purpose,
        ip_address=client_ip(request),
    )


def record_many(request, action: str, objects, *, purpose: str) -> None:
    """One row per object, written in one statement (lists and exports)."""
    actor, ip = _actor(request), client_ip(request)
    AccessLog.objects.bulk_create(
        AccessLog(
            actor=actor,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            purpose=purpose,
            ip_address=ip,
        )
        for obj in objects
    )
