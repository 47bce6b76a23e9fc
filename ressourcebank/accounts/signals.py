from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def count_enrolment_as_second_factor(sender, request, user, authenticator, **kwargs):
    # Enrolling TOTP means entering a valid code: this session has just shown the second
    # factor, so it also counts as a fresh re-authentication (e.g. to view recovery codes).
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_authentication(
            request,
            user,
            "mfa",
            id=authenticator.pk,
            type=authenticator.type,
            reauthenticated=True,
        )
