"""The organisation's own area: sign-up, members and invitations, offers, class visits.

Members reach only their own organisation: every object comes through a helper in
selectors.py that answers 404 outside it.
"""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ressourcebank.accounts.services import user_create

from . import permissions, services
from .forms import (
    ORGANISATION_FIELDS,
    ClassVisitAnswerForm,
    InvitationAccountForm,
    InviteForm,
    OfferForm,
    OrganisationForm,
    SignupAccountForm,
)
from .models import ClassVisitRequest, Offer, OrganisationMember
from .selectors import class_visit_or_404, member_offer_or_404, membership_or_404

User = get_user_model()


@login_not_required
@require_safe
def home(request):
    """Anonymous: what joining means and the sign-up. Members: their organisations."""
    memberships = []
    if request.user.is_authenticated:
        memberships = list(
            OrganisationMember.objects.filter(user=request.user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    if len(memberships) == 1 and memberships[0].organisation.is_approved:
        return redirect("organisations:dashboard", pk=memberships[0].organisation_id)
    return render(request, "organisations/home.html", {"memberships": memberships})


@login_not_required
def signup(request):
    """A new organisation. Someone without an account creates one in the same form."""
    anonymous = not request.user.is_authenticated
    data = request.POST if request.method == "POST" else None
    account_form = SignupAccountForm(data, prefix="konto") if anonymous else None
    organisation_form = OrganisationForm(data, prefix="org")
    if request.method == "POST":
        # The same limit as allauth's own sign-up: an address cannot be tried endlessly.
        if anonymous and (limited := ratelimit.consume_or_429(request, action="signup")):
            return limited
        valid = organisation_form.is_valid()
        valid = (account_form is None or account_form.is_valid()) and valid
        if valid:
            fields = {name: organisation_form.cleaned_data[name] for name in ORGANISATION_FIELDS}
            if anonymous:
                account = account_form.cleaned_data
                services.organisation_signup(
                    request=request,
                    email=account["email"],
                    first_name=account["first_name"],
                    last_name=account["last_name"],
                    password=account["password1"],
                    **fields,
                )
                return render(
                    request, "organisations/signup_done.html", {"email": account["email"]}
                )
            services.organisation_register(request=request, user=request.user, **fields)
            messages.success(request, _("Tak! Organisationen er tilmeldt og afventer godkendelse."))
            return redirect("organisations:home")
    return render(
        request,
        "organisations/signup.html",
        {"account_form": account_form, "organisation_form": organisation_form},
    )


@login_not_required
def invitation_accept(request, token: str):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email:
        return render(
            request, "organisations/invitation_other_user.html", {"invitation": invitation}
        )
    if not user.is_authenticated and existing is not None:
        messages.info(
            request,
            _("Log ind med %(email)s for at tage imod invitationen.") % {"email": invitation.email},
        )
        return redirect(f"{reverse('account_login')}?next={request.path}")
    form = InvitationAccountForm(request.POST or None) if not user.is_authenticated else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is not None:
            # The link reached this address, so the address is verified.
            user = user_create(
                email=invitation.email,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        services.invitation_accept(request=request, invitation_id=invitation.pk, user=user)
        if form is not None:
            messages.success(request, _("Din konto er oprettet. Log ind for at komme videre."))
            return redirect("account_login")
        messages.success(
            request,
            _("Du er nu medlem af %(organisation)s.")
            % {"organisation": invitation.organisation.name},
        )
        return redirect("organisations:home")
    return render(
        request, "organisations/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@require_safe
def dashboard(request, pk: int):
    membership = membership_or_404(request, pk)
    organisation = membership.organisation
    offers = organisation.offers.select_related("postcode").order_by("status", "title")
    visits = (
        ClassVisitRequest.objects.filter(offer__organisation=organisation)
        .select_related("offer")
        .order_by("-created_at")[:50]
    )
    counts = organisation.offers.aggregate(
        published=Count("pk", filter=Q(status=Offer.Status.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=Offer.Status.DRAFT)),
    )
    return render(
        request,
        "organisations/dashboard.html",
        {
            "membership": membership,
            "organisation": organisation,
            "offers": offers,
            "visits": visits,
            "counts": counts,
        },
    )


def organisation_edit(request, pk: int):
    membership = membership_or_404(request, pk)
    if not permissions.can_edit_organisation(request.user, membership):
        raise PermissionDenied(_("Kun organisationens administratorer kan det."))
    form = OrganisationForm(request.POST or None, instance=membership.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Oplysningerne er gemt."))
        return redirect("organisations:dashboard", pk=pk)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": membership.organisation},
    )


def members(request, pk: int):
    membership = membership_or_404(request, pk)
    organisation = membership.organisation
    may_invite = permissions.can_invite_members(request.user, membership)
    form = InviteForm(request.POST or None, organisation=organisation) if may_invite else None
    if request.method == "POST":
        if not may_invite:
            raise PermissionDenied(_("Kun organisationens administratorer kan det."))
        if form.is_valid():
            services.organisation_invite(
                request=request,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
            messages.success(
                request,
                _("Invitationen er sendt til %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("organisations:members", pk=pk)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": organisation.memberships.select_related("user").order_by("user__email"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True)[:50],
            "form": form,
        },
    )


# -- offers -----------------------------------------------------------------------------------


def offer_create(request, pk: int):
    membership = membership_or_404(request, pk)
    organisation = membership.organisation
    initial = {
        "contact_name": organisation.contact_name,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "address": organisation.address,
        "postcode": organisation.postcode_id,
    }
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        offer = services.offer_create(
            request=request, organisation=organisation, offer=form.save(commit=False)
        )
        messages.success(request, _("Tilbuddet er gemt som kladde."))
        return redirect("organisations:offer-edit", pk=offer.pk)
    return render(
        request,
        "organisations/offer_form.html",
        {"form": form, "organisation": organisation, "offer": None},
    )


def offer_edit(request, pk: int):
    offer, membership = member_offer_or_404(request, pk)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(
                request=request, offer=form.save(commit=False), fields=list(form.Meta.fields)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("organisations:offer-edit", pk=offer.pk)
    return render(
        request,
        "organisations/offer_form.html",
        {"form": form, "organisation": membership.organisation, "offer": offer},
    )


@require_POST
def offer_duplicate(request, pk: int):
    offer, _membership = member_offer_or_404(request, pk)
    copy = services.offer_duplicate(request=request, offer=offer)
    messages.success(request, _("Tilbuddet er kopieret. Kopien er en kladde."))
    return redirect("organisations:offer-edit", pk=copy.pk)


@require_POST
def offer_status(request, pk: int):
    offer, _membership = member_offer_or_404(request, pk)
    status = request.POST.get("status", "")
    if status not in Offer.Status.values:
        messages.error(request, _("Ukendt status."))
        return redirect("organisations:offer-edit", pk=offer.pk)
    try:
        offer = services.offer_set_status(request=request, offer_id=offer.pk, status=status)
    except services.NotPublishable:
        messages.error(
            request,
            _("Tilbud kan først offentliggøres, når organisationen er godkendt."),
        )
    else:
        messages.success(
            request,
            _("Status er nu: %(status)s.") % {"status": offer.get_status_display().lower()},
        )
    return redirect("organisations:dashboard", pk=offer.organisation_id)


# -- class visits, seen from the organisation -------------------------------------------------


def class_visit(request, pk):
    visit = class_visit_or_404(request, pk)
    if not visit.offer.organisation.memberships.filter(user=request.user).exists():
        raise Http404
    form = ClassVisitAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.class_visit_answer(
                request=request,
                visit_id=visit.pk,
                accept=accept,
                visit_date=form.cleaned_data.get("visit_date"),
                reason=form.cleaned_data.get("decline_reason", ""),
            )
        except services.AlreadyAnswered:
            messages.error(request, _("Ønsket er allerede besvaret eller trukket tilbage."))
        else:
            messages.success(request, _("Skolen har fået jeres svar."))
        return redirect("organisations:class-visit", pk=visit.pk)
    return render(request, "organisations/class_visit.html", {"visit": visit, "form": form})
