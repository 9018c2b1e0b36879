"""Account pages. Sign-in, sign-out and password reset are Django's own views with our
templates (templates/registration/)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from schoolweave.accounts.permissions import viewer
from schoolweave.accounts.selectors import work_of


@login_required
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_work.html", {"work": work_of(who=viewer(request))})
