"""Settings → Parse: type a release title, see how it is read, live."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from releases.parsetester import parse_report


@require_GET
@vary_on_headers("HX-Request")
def parse_tester(request: HttpRequest) -> HttpResponse:
    title = request.GET.get("title", "").strip()
    context = {"title": title, "report": parse_report(title) if title else None}
    template = "releases/parse.html#result" if request.htmx else "releases/parse.html"
    return render(request, template, context)


urlpatterns = [path("parse", parse_tester, name="parse")]
