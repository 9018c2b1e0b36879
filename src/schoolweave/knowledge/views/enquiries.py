"""Enquiry pages: the library of shared practice, a network's enquiry through the five stages
of the enquiry cycle, its notes and attachments, and its finish with a public summary."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from schoolweave.accounts.permissions import (
    can_record_enquiry,
    can_see_enquiry_working,
    signed_in_user,
    viewer,
)
from schoolweave.common.forms import form_errors
from schoolweave.core.knowledge.files import UploadRejected
from schoolweave.core.knowledge.vocabulary import EnquiryStage, Sharing, StageStatus
from schoolweave.knowledge import selectors, services
from schoolweave.knowledge.forms import (
    AttachmentForm,
    EnquiryForm,
    EnquirySearchForm,
    FinishForm,
    NoteForm,
    SharingForm,
    StageForm,
)
from schoolweave.knowledge.models import Enquiry
from schoolweave.knowledge.texts import texts
from schoolweave.knowledge.views.access import (
    NO_ENQUIRY,
    enquiry_for_editor,
    enquiry_for_viewer,
    network_for_enquiry,
    stage_or_404,
)
from schoolweave.networks.models import LearningFocus

STARTED = "You started the enquiry. Record its planning stage when you are ready."
STAGE_SAVED = "You saved the {stage} stage"
NOTE_ADDED = "You added a note to the {stage} stage"
FILE_ADDED = "You attached {name}"
SHARING_SAVED = "You changed who can see the enquiry"
FINISHED = "You finished the enquiry"


@require_safe
def enquiry_library(request: HttpRequest) -> HttpResponse:
    """Enquiries across the LA (as the viewer may see them) and, where published, across LAs."""
    who = viewer(request)
    form = EnquirySearchForm(request.GET or None, las=selectors.enquiry_las(who=who))
    filters = selectors.EnquiryFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.EnquiryFilters(**form.cleaned_data)
    enquiries = selectors.enquiry_library(who=who, filters=filters)
    context = {
        "enquiries": enquiries,
        "form": form,
        "errors": form_errors(form) if form.is_bound else [],
        "searched": any(vars(filters).values()),
    }
    return render(request, "knowledge/enquiry_library.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_for_enquiry(request, pk)
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enquiry = services.enquiry_create(
            actor=signed_in_user(request),
            network=network,
            title=data["title"],
            focus=LearningFocus.objects.filter(slug=data["focus"]).first(),
            sharing=Sharing(data["sharing"]),
        )
        messages.success(request, STARTED)
        return redirect("enquiry_detail", pk=enquiry.pk)
    context = {"form": form, "errors": form_errors(form), "network": network}
    return render(
        request, "knowledge/enquiry_form.html", context, status=400 if form.errors else 200
    )


@require_safe
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_for_viewer(request, pk)
    who = viewer(request)
    return _render_detail(
        request,
        enquiry,
        can_edit=can_record_enquiry(who, enquiry.network),
        working=can_see_enquiry_working(who, enquiry),
        sharing_form=SharingForm(initial={"sharing": enquiry.sharing}),
    )


@login_required
@require_POST
def enquiry_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_for_editor(request, pk)
    form = SharingForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, enquiry, True, True, form, status=400)
    services.enquiry_sharing_update(
        actor=signed_in_user(request),
        enquiry=enquiry,
        sharing=Sharing(form.cleaned_data["sharing"]),
    )
    messages.success(request, SHARING_SAVED)
    return redirect("enquiry_detail", pk=enquiry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_stage(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    enquiry = enquiry_for_editor(request, pk)
    step = stage_or_404(stage)
    record = next(r for r in enquiry.stages.all() if r.stage == step)
    if request.method != "POST":
        initial = {f"prompt_{k}": v for k, v in record.answers.items()}
        status = (
            record.status if record.status != StageStatus.NOT_STARTED else StageStatus.IN_PROGRESS
        )
        form = StageForm(initial={**initial, "status": status}, stage=texts().stages[step])
        return _render_stage(request, enquiry, step, stage_form=form)
    form = StageForm(request.POST, stage=texts().stages[step])
    if not form.is_valid():
        return _render_stage(request, enquiry, step, stage_form=form, status=400)
    services.enquiry_stage_update(
        actor=signed_in_user(request),
        enquiry=enquiry,
        stage=step,
        answers=form.answers(),
        status=StageStatus(form.cleaned_data["status"]),
    )
    messages.success(request, STAGE_SAVED.format(stage=texts().stages[step].name.lower()))
    return redirect("enquiry_detail", pk=enquiry.pk)


@login_required
@require_POST
def enquiry_note_new(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    enquiry = enquiry_for_editor(request, pk)
    step = stage_or_404(stage)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_stage(request, enquiry, step, note_form=form, status=400)
    services.enquiry_note_add(
        actor=signed_in_user(request), enquiry=enquiry, stage=step, text=form.cleaned_data["text"]
    )
    messages.success(request, NOTE_ADDED.format(stage=texts().stages[step].name.lower()))
    return redirect("enquiry_stage", pk=enquiry.pk, stage=step.value)


@login_required
@require_POST
def enquiry_attachment_new(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    enquiry = enquiry_for_editor(request, pk)
    step = stage_or_404(stage)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.enquiry_attachment_add(
                actor=signed_in_user(request),
                enquiry=enquiry,
                stage=step,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            messages.success(request, FILE_ADDED.format(name=attachment.name))
            return redirect("enquiry_stage", pk=enquiry.pk, stage=step.value)
    return _render_stage(request, enquiry, step, attachment_form=form, status=400)


@login_required
@require_safe
def enquiry_attachment(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """Download a file: only for those who may see the enquiry's working; never inline."""
    enquiry = enquiry_for_viewer(request, pk)
    if not can_see_enquiry_working(viewer(request), enquiry):
        raise Http404(NO_ENQUIRY)
    found = next((a for a in enquiry.attachments.all() if a.pk == attachment), None)
    if found is None:
        raise Http404("No attachment has this number")
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_finish(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_for_editor(request, pk)
    initial = {"summary": enquiry.summary, "sharing": enquiry.sharing}
    form = FinishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.enquiry_finish(
                actor=signed_in_user(request),
                enquiry=enquiry,
                summary=form.cleaned_data["summary"],
                sharing=Sharing(form.cleaned_data["sharing"]),
            )
        except services.EnquiryNotReady as not_ready:
            form.add_error(None, str(not_ready))
        else:
            messages.success(request, FINISHED)
            return redirect("enquiry_detail", pk=enquiry.pk)
    ready = selectors.stages_done(enquiry) == len(EnquiryStage)
    context = {
        "enquiry": enquiry,
        "form": form,
        "errors": form_errors(form) + [("id_summary", e) for e in form.non_field_errors()],
        "ready": ready,
    }
    return render(
        request, "knowledge/enquiry_finish.html", context, status=400 if form.errors else 200
    )


def _stage_rows(enquiry: Enquiry) -> list[dict[str, Any]]:
    stages = texts().stages
    notes = list(enquiry.notes.all())
    files = list(enquiry.attachments.all())
    rows = []
    for number, record in enumerate(
        sorted(enquiry.stages.all(), key=lambda r: list(EnquiryStage).index(EnquiryStage(r.stage))),
        1,
    ):
        text = stages[EnquiryStage(record.stage)]
        rows.append(
            {
                "number": number,
                "record": record,
                "text": text,
                "answers": [(p, record.answers.get(p.key, "")) for p in text.prompts],
                "notes": [n for n in notes if n.stage == record.stage],
                "files": [f for f in files if f.stage == record.stage],
            }
        )
    return rows


def _render_detail(
    request: HttpRequest,
    enquiry: Enquiry,
    can_edit: bool,
    working: bool,
    sharing_form: Form,
    status: int = 200,
) -> HttpResponse:
    rows = _stage_rows(enquiry) if working else []
    context = {
        "enquiry": enquiry,
        "rows": rows,
        "done": sum(1 for r in rows if r["record"].status == StageStatus.DONE),
        "can_edit": can_edit,
        "working": working,
        "sharing_form": sharing_form,
        "errors": form_errors(sharing_form) if sharing_form.is_bound else [],
    }
    return render(request, "knowledge/enquiry_detail.html", context, status=status)


def _render_stage(
    request: HttpRequest,
    enquiry: Enquiry,
    stage: EnquiryStage,
    *,
    stage_form: StageForm | None = None,
    note_form: NoteForm | None = None,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    row = next(r for r in _stage_rows(enquiry) if r["record"].stage == stage)
    record = row["record"]
    if stage_form is None:
        initial = {f"prompt_{k}": v for k, v in record.answers.items()}
        stage_form = StageForm(initial={**initial, "status": record.status}, stage=row["text"])
    note_form = note_form or NoteForm()
    attachment_form = attachment_form or AttachmentForm()
    errors = [
        e for f in (stage_form, note_form, attachment_form) if f.is_bound for e in form_errors(f)
    ]
    stages = list(EnquiryStage)
    index = stages.index(stage)
    context = {
        "enquiry": enquiry,
        "row": row,
        "stage_form": stage_form,
        "note_form": note_form,
        "attachment_form": attachment_form,
        "errors": errors,
        "next_stage": stages[index + 1] if index + 1 < len(stages) else None,
    }
    return render(request, "knowledge/enquiry_stage.html", context, status=status)
